package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.diag.Severity;
import dev.npv.lint.LintReport;
import dev.npv.lint.Linter;
import dev.npv.load.LoadResult;
import dev.npv.report.LintJsonRenderer;
import dev.npv.report.LintSarifRenderer;
import dev.npv.report.LintTextRenderer;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code npv lint}: findings about the policies (and specs) that are legal but likely mistakes. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Report redundant rules and policies (decided by the solver over every pod that could "
        + "exist), policies and peers that match nothing, undefined named ports, ipBlocks emptied by except, "
        + "namespaces without default-deny, egress isolation that blocks DNS, and (with --spec) vacuous or "
        + "contradictory invariants. Each finding has a file:line:column, a severity and a stable code.",
    footer = {"", "Exit codes: 0 no finding at or above --fail-on; 1 some finding is; 2 usage error;",
        "  3 invalid input; 4 none is, but the solver left some question undecided (NPV-L-UNDECIDED);",
        "  5 internal error; 6 the Z3 native library could not be loaded"})
final class LintCommand implements Callable<Integer> {
  enum Format { text, json, sarif }

  enum FailOn { none, note, warning, error }

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  SolverOptions solver;

  @Option(names = "--spec", paramLabel = "FILE", description = "Invariant spec file to lint too (repeatable).")
  List<Path> specs = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json or sarif.")
  Format format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Optional<Path> output;

  @Option(names = "--fail-on", defaultValue = "error", paramLabel = "LEVEL",
      description = "Exit 1 when some finding has this severity or a worse one: none, note, warning, error "
          + "(default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(names = "--timeout", defaultValue = "10000", paramLabel = "MS", description = "Solver timeout per question in ms.")
  int timeoutMillis;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Manifest files or directories, or - for "
      + "stdin; none with --cluster.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadResult loaded;
    List<InvariantSet> sets;
    try {
      loaded = ManifestSupport.load(paths, common, cluster, err); // prints its own diagnostics
    } catch (InvalidInputException e) {
      return ExitCodes.INVALID_INPUT;
    }
    try {
      sets = new SpecReader().read(specs);
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      return ExitCodes.INVALID_INPUT;
    }
    if (!ManifestSupport.solverAvailable(err)) {
      return ExitCodes.SOLVER_UNAVAILABLE;
    }
    LintReport report = new Linter(loaded.cluster(), new SessionOptions(common.evaluatorOptions(), timeoutMillis,
        solver.resourceLimit, false, solver.dumpSmt)).lint(sets);
    String text = switch (format) {
      case text -> new LintTextRenderer().render(report);
      case json -> new LintJsonRenderer().render(report);
      case sarif -> new LintSarifRenderer().render(report);
    };
    if (output.isPresent()) {
      Files.writeString(output.get(), text);
    } else {
      out.print(text);
      out.flush();
    }
    if (failOn == FailOn.none) {
      return ExitCodes.OK;
    }
    if (report.hasAtLeast(Severity.valueOf(failOn.name().toUpperCase(Locale.ROOT)))) {
      return ExitCodes.VIOLATED;
    }
    // An undecided question might have been a finding at the threshold: never a pass.
    return report.anyUndecided() ? ExitCodes.UNKNOWN : ExitCodes.OK;
  }
}
