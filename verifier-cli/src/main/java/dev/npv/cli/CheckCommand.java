package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.load.LoadResult;
import dev.npv.report.CheckJsonRenderer;
import dev.npv.report.CheckTextRenderer;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import dev.npv.verify.InternalVerificationError;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code npv check}: proves or refutes every invariant of the given specs. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check invariant specs against manifests: PROVEN for every pod that exists or could "
        + "exist (open world) or every known workload (closed world), or VIOLATED with a counterexample.",
    footer = {"", ExitCodes.HELP})
final class CheckCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  SolverOptions solver;

  @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Invariant spec file (repeatable).")
  List<Path> specs;

  @Option(names = "--world", paramLabel = "open|closed", description = "Override the specs' world.")
  Optional<String> world;

  @Option(names = "--timeout", defaultValue = "60000", paramLabel = "MS",
      description = "Solver timeout per query in milliseconds; 0 for none (default: ${DEFAULT-VALUE}). "
          + "A timeout gives UNKNOWN, never PROVEN.")
  int timeoutMillis;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Optional<Path> output;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Manifest files or directories, or - for stdin.")
  List<String> paths;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<World> forced;
    try {
      forced = world.map(w -> World.valueOf(w.toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      err.println("npv: --world must be open or closed, not '" + world.get() + "'");
      return ExitCodes.USAGE;
    }
    LoadResult loaded;
    List<InvariantSet> sets;
    try {
      loaded = ManifestSupport.load(paths, common, err);
      sets = new SpecReader().read(specs);
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      return ExitCodes.INVALID_INPUT;
    }
    if (!ManifestSupport.solverAvailable(err)) {
      return ExitCodes.SOLVER_UNAVAILABLE;
    }
    VerificationReport report;
    try {
      report = new Verifier(loaded.cluster(), new VerifyOptions(forced,
          new SessionOptions(common.evaluatorOptions(), timeoutMillis, solver.resourceLimit, true, solver.dumpSmt))).verify(sets);
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      return ExitCodes.INVALID_INPUT;
    } catch (InternalVerificationError e) {
      err.println("npv: internal error: " + e.getMessage() + " (please report this)");
      return ExitCodes.INTERNAL_ERROR;
    }
    new DiagnosticPrinter(err, common.verbose).print(report.diagnostics());
    boolean color = format == Format.text && output.isEmpty() && System.console() != null
        && System.getenv("NO_COLOR") == null;
    String text = format == Format.json ? new CheckJsonRenderer().render(report)
        : new CheckTextRenderer(color).render(report);
    if (output.isPresent()) {
      Files.writeString(output.get(), text);
    } else {
      out.print(text);
      out.flush();
    }
    return exitCode(report);
  }

  static int exitCode(VerificationReport report) {
    if (report.allPassed()) {
      return ExitCodes.OK;
    }
    return report.anyViolatedFailure() ? ExitCodes.VIOLATED : ExitCodes.UNKNOWN;
  }
}
