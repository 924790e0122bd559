package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.load.LoadResult;
import dev.npv.report.CheckFormat;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.InternalVerificationError;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.VerifyOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code npv check}: proves or refutes every invariant of the given specs. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Check invariant specs against manifests: PROVEN for every pod that exists or could "
        + "exist (open world) or every known workload (closed world), or VIOLATED with a counterexample.",
    footer = {"", ExitCodes.HELP})
final class CheckCommand implements Callable<Integer> {
  /** One requested report: a format and where it goes (empty: stdout). */
  static final class Target {
    Optional<CheckFormat> format = Optional.empty();
    Optional<Path> output = Optional.empty();
  }

  /** In command-line order; each --format pairs with the --output next to it. */
  final List<Target> targets = new ArrayList<>();

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  QueryOptions query;

  @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Invariant spec file (repeatable).")
  List<Path> specs;

  @Option(names = "--world", paramLabel = "open|closed", description = "Override the specs' world.")
  Optional<String> world;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Report format: text, json, junit, sarif or "
      + "markdown (default: text). Repeatable: each --format goes with the --output beside it, all from one solve.")
  void addFormat(String name) {
    CheckFormat f;
    try {
      f = CheckFormat.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format must be one of text, json, junit, sarif, markdown, not '"
          + name + "'");
    }
    Target last = targets.isEmpty() ? null : targets.get(targets.size() - 1);
    if (last != null && last.format.isEmpty()) {
      last.format = Optional.of(f);   // "-o FILE --format F" pairs the other way round
    } else {
      Target t = new Target();
      t.format = Optional.of(f);
      targets.add(t);
    }
  }

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report of the --format beside "
      + "it to FILE instead of stdout (repeatable, one per --format).")
  void addOutput(Path file) {
    Target last = targets.isEmpty() ? null : targets.get(targets.size() - 1);
    if (last != null && last.output.isEmpty()) {
      last.output = Optional.of(file);
    } else {
      Target t = new Target();
      t.output = Optional.of(file);
      targets.add(t);
    }
  }

  @Option(names = "--stats", description = "Print per-invariant figures to stderr: verdict, wall time and Z3's "
      + "rlimit count (a machine-independent measure of solver work), plus load and total times.")
  boolean stats;

  @Option(names = "--no-timings", description = "Report every duration as 0, so reports of the same input differ "
      + "only where the solver picks another (equally valid, re-checked) counterexample (golden files, CI diffs).")
  boolean noTimings;

  Progress progress = Progress.AUTO;

  @Option(names = "--progress", paramLabel = "auto|lines|none", description = "Progress on stderr: auto (a "
      + "counter only on a terminal outside CI; the default), lines (one line per invariant as it starts, for "
      + "logs) or none.")
  void progress(String name) {
    try {
      progress = Progress.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Check up to N invariants at once, each worker "
      + "with its own solver (default: the number of cores, here ${DEFAULT-VALUE}). Verdicts do not depend on N; a "
      + "counterexample may (any reported one is re-checked). Each worker needs its own memory.")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--explain", description = "For each PROVEN invariant, name the policies and rules its proof "
      + "rests on (a minimal unsat core: the invariant holds in every cluster that keeps them, whichever of the other "
      + "loaded policies and rules are removed; an added or changed policy can still break it).")
  boolean explain;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Manifest files or directories, or - for "
      + "stdin; none with --cluster.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<World> forced;
    try {
      forced = world.map(w -> World.valueOf(w.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      err.println("npv: --world must be open or closed, not '" + world.get() + "'");
      return ExitCodes.USAGE;
    }
    if (jobs < 1) { // before loading anything: a usage error should come at once
      err.println("npv: --jobs must be at least 1, not " + jobs);
      return ExitCodes.USAGE;
    }
    LoadResult loaded;
    List<InvariantSet> sets;
    try {
      loaded = ManifestSupport.load(paths, common, cluster, err); // prints its own diagnostics
    } catch (InvalidInputException e) {
      return ExitCodes.INVALID_INPUT;
    }
    try {
      sets = new SpecReader(common.loadOptions()).read(specs); // the same --max-* limits as manifests
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      return ExitCodes.INVALID_INPUT;
    }
    if (targets.isEmpty()) {
      targets.add(new Target());
    }
    if (targets.stream().filter(t -> t.output.isEmpty()).count() > 1) {
      err.println("npv: only one --format can go to stdout; give the others an --output FILE");
      return ExitCodes.USAGE;
    }
    if (targets.stream().flatMap(t -> t.output.stream()).map(p -> p.toAbsolutePath().normalize()).distinct().count()
        < targets.stream().filter(t -> t.output.isPresent()).count()) {
      err.println("npv: two --output options name the same file");
      return ExitCodes.USAGE;
    }
    if (!ManifestSupport.solverAvailable(err)) {
      return ExitCodes.SOLVER_UNAVAILABLE;
    }
    try (Verification run = new Verification(loaded.cluster(), new VerifyOptions(forced,
        query.session(common),
        explain, jobs))) {
      return report(run, sets, out, err);
    }
  }

  private int report(Verification run, List<InvariantSet> sets, PrintWriter out, PrintWriter err) throws IOException {
    VerificationReport report;
    try {
      report = run.onProgress(progress.listener(err)).verify(sets);
      progress.clear(err);
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      return ExitCodes.INVALID_INPUT;
    } catch (InternalVerificationError e) {
      err.println(Verification.internalError(e));
      return ExitCodes.INTERNAL_ERROR;
    }
    new DiagnosticPrinter(err, common.verbose).print(report.diagnostics());
    VerificationReport shown = noTimings ? report.withoutTimings() : report;
    for (Target t : targets) {
      CheckFormat format = t.format.orElse(CheckFormat.TEXT);
      // Colour only for a terminal that has not opted out (https://no-color.org); never in files.
      boolean color = t.output.isEmpty() && System.console() != null && System.getenv("NO_COLOR") == null;
      String text = format.renderer(color).render(shown);
      if (t.output.isPresent()) {
        if (!AtomicOutput.write(t.output.get(), text, err)) {
          return ExitCodes.USAGE;
        }
      } else {
        out.print(text);
        out.flush();
      }
    }
    if (stats) {
      printStats(report, err);
    }
    return exitCode(report);
  }

  /** A table for tuning: where the solver spends its work, per invariant (stderr, never in reports). */
  private static void printStats(VerificationReport report, PrintWriter err) {
    int width = report.results().stream().mapToInt(r -> r.name().length()).max().orElse(9);
    err.println(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %8s  %12s", "invariant", "verdict",
        "ms", "rlimit"));
    long totalMs = 0;
    long totalRlimit = 0;
    for (CheckResult r : report.results()) {
      err.println(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %8d  %12d", r.name(), r.verdict(),
          r.durationMillis(), r.rlimit()));
      totalMs += r.durationMillis();
      totalRlimit += r.rlimit();
    }
    err.println(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %8d  %12d", "total", "",
        totalMs, totalRlimit));
    err.flush();
  }

  static int exitCode(VerificationReport report) {
    if (report.allPassed()) {
      return ExitCodes.OK;
    }
    return report.anyViolatedFailure() ? ExitCodes.VIOLATED : ExitCodes.UNKNOWN;
  }
}
