package dev.npv.fuzz;

import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.LoadResult;
import dev.npv.spec.SpecReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract every input must meet, for the manifest loader and for the spec reader: a result, or an
 * {@link InvalidInputException} whose diagnostics all carry a well-formed code and a one-line message;
 * never another exception or error, never an internal-error diagnostic. A loaded cluster must also
 * survive the connectivity analysis (the first consumer of whatever the loader lets through).
 */
final class FuzzContract {
  private static final Pattern CODE = Pattern.compile("NPV-[EWN]-[A-Z0-9]+(-[A-Z0-9]+)*");

  private FuzzContract() {
  }

  /** Empty if {@code input} meets the contract; otherwise what went wrong. */
  static Optional<String> violation(byte[] input) {
    try {
      LoadResult r = new ClusterLoader().load(List.of("-"), options(input));
      checkDiagnostics(r.diagnostics(), false);
      new ConnectivityAnalyzer(r.cluster(), EvaluatorOptions.DEFAULT).analyze(Optional.empty());
    } catch (InvalidInputException e) {
      Optional<String> bad = checkDiagnostics(e.diagnostics(), true);
      if (bad.isPresent()) {
        return bad.map(s -> "loader: " + s);
      }
    } catch (Throwable t) {
      return Optional.of("loader/analyzer threw " + describe(t));
    }
    try {
      new SpecReader(options(input)).read(List.of(Path.of("-")));
    } catch (InvalidInputException e) {
      return checkDiagnostics(e.diagnostics(), true).map(s -> "spec reader: " + s);
    } catch (Throwable t) {
      return Optional.of("spec reader threw " + describe(t));
    }
    return Optional.empty();
  }

  private static LoadOptions options(byte[] input) {
    return LoadOptions.defaults().withStdin(new ByteArrayInputStream(input));
  }

  private static Optional<String> checkDiagnostics(List<Diagnostic> all, boolean mustHaveError) {
    if (mustHaveError && all.stream().noneMatch(Diagnostic::isError)) {
      return Optional.of("InvalidInputException without an error diagnostic: " + all);
    }
    for (Diagnostic d : all) {
      if (!CODE.matcher(d.code()).matches() || d.code().equals(ClusterLoader.INTERNAL)) {
        return Optional.of("bad or internal code: " + d.oneLine());
      }
      if (d.message().isBlank() || d.oneLine().contains("\n") || d.oneLine().contains("\r")) {
        return Optional.of("message is not one line: " + d.oneLine());
      }
    }
    return Optional.empty();
  }

  static String describe(Throwable t) {
    StackTraceElement[] st = t.getStackTrace();
    StringBuilder sb = new StringBuilder(t.toString());
    for (int i = 0; i < Math.min(8, st.length); i++) {
      sb.append("\n    at ").append(st[i]);
    }
    return sb.toString();
  }
}
