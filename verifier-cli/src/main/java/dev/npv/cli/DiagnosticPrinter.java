package dev.npv.cli;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints diagnostics one per line ({@code file:line:column: error: message [code]}), followed in
 * text mode by the offending source line and a caret under the column, as compilers do.
 */
final class DiagnosticPrinter {
  private final PrintWriter err;
  private final boolean verbose;
  private final Map<String, List<String>> linesByFile = new HashMap<>();

  DiagnosticPrinter(PrintWriter err, boolean verbose) {
    this.err = err;
    this.verbose = verbose;
  }

  void print(List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      if (d.severity() == Severity.NOTE && !verbose) {
        continue;
      }
      err.println(d.oneLine());
      snippet(d).ifPresent(err::println);
    }
    err.flush();
  }

  private Optional<String> snippet(Diagnostic d) {
    if (!d.location().isKnown()) {
      return Optional.empty();
    }
    List<String> lines = linesByFile.computeIfAbsent(d.location().file(), DiagnosticPrinter::readLines);
    int i = d.location().line() - 1;
    if (i < 0 || i >= lines.size()) {
      return Optional.empty();
    }
    String line = lines.get(i);
    if (line.length() > 200) {
      return Optional.empty();
    }
    int col = Math.max(0, Math.min(d.location().column() - 1, line.length()));
    return Optional.of("    " + printable(line) + "\n    " + " ".repeat(col) + "^");
  }

  /**
   * The input line as it may reach a terminal: tabs become spaces and other control characters (e.g.
   * escape sequences planted in a manifest) become '?', one character each so the caret still lines up.
   */
  static String printable(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    line.chars().forEach(c -> sb.append(c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : (char) c));
    return sb.toString();
  }

  private static List<String> readLines(String file) {
    try {
      Path p = Path.of(file);
      if (Files.isRegularFile(p) && Files.size(p) < 16L * 1024 * 1024) {
        return Files.readAllLines(p);
      }
    } catch (IOException | RuntimeException e) {
      // no snippet then: the one-line diagnostic already says everything needed
    }
    return List.of();
  }
}
