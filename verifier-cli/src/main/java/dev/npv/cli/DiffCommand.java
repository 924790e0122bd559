package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadResult;
import dev.npv.report.DiffJsonRenderer;
import dev.npv.report.DiffTextRenderer;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import dev.npv.verify.DiffAnalyzer;
import dev.npv.verify.DiffReport;
import dev.npv.verify.InternalVerificationError;
import dev.npv.verify.Verifier;
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

/** {@code npv diff BASE HEAD}: what a change opens or closes, proven symbolically and listed concretely. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two manifest sets (directories, files, or git:REV:path from the current repository): "
        + "connections HEAD allows and BASE denies and the reverse, each with a witness, over every pod that "
        + "could exist (open world) or the known workloads (closed); and the workload-level changes. "
        + "--intended FILE proves that nothing outside an intended delta changed.",
    footer = {"", "Exit codes: 0 no failing condition; 1 --fail-on condition met or collateral change outside "
        + "--intended; 2 usage; 3 invalid input; 4 undecided; 5 internal error; 6 Z3 unavailable."})
final class DiffCommand implements Callable<Integer> {
  enum FailOn { opened, changed }

  enum Format { text, json }

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  QueryOptions query;

  @Mixin
  ClusterOptions cluster;

  @Parameters(index = "0", paramLabel = "BASE", description = "The manifests before the change (with --cluster: "
      + "the live cluster is BASE and this is HEAD).")
  String base;

  @Parameters(index = "1", arity = "0..1", paramLabel = "HEAD", description = "The manifests after the change.")
  String head;

  @Option(names = "--world", defaultValue = "open", paramLabel = "open|closed", description = "default: ${DEFAULT-VALUE}")
  String world;

  @Option(names = "--spec", paramLabel = "FILE", description = "Restrict the question to these invariants' from/to/ports (repeatable).")
  List<Path> specs = new ArrayList<>();

  @Option(names = "--intended", paramLabel = "FILE", description = "Invariant file describing the intended delta (from/to/ports); prove nothing else changed.")
  List<Path> intended = new ArrayList<>();

  @Option(names = "--fail-on", paramLabel = "opened|changed", description = "Exit 1 when the change opens traffic (or changes any).")
  Optional<FailOn> failOn;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json.")
  Format format;

  @Option(names = "--repository", defaultValue = ".", paramLabel = "DIR",
      description = "The git repository git:REV:path inputs are read from (default: the current directory).")
  Path repository;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE.")
  Optional<Path> output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    World w;
    try {
      w = World.valueOf(world.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("npv: --world must be open or closed, not '" + world + "'");
      return ExitCodes.USAGE;
    }
    LoadResult before;
    LoadResult after;
    List<Invariant> scopes = new ArrayList<>();
    List<Invariant> delta = new ArrayList<>();
    cluster.requireClusterForConnectionFlags();
    if (cluster.enabled == (head != null)) {
      err.println(cluster.enabled ? "npv: with --cluster, diff compares the live cluster (BASE) with one HEAD: give"
          + " only HEAD" : "npv: diff needs BASE and HEAD (or --cluster and HEAD)");
      return ExitCodes.USAGE;
    }
    try {
      // --cluster: what applying HEAD would change in the cluster as it runs now
      before = cluster.enabled ? ManifestSupport.loadCluster(common, cluster, err) : load(base, err);
      after = load(cluster.enabled ? base : head, err);
      List<InvariantSet> scopeSets = specs.isEmpty() ? List.of() : new SpecReader().read(specs);
      List<InvariantSet> intendedSets = intended.isEmpty() ? List.of() : new SpecReader().read(intended);
      // A workload reference must exist in both versions: a typo must not widen or empty a scope.
      for (LoadResult version : List.of(before, after)) {
        Verifier.requireKnownWorkloads(version.cluster(), scopeSets);
        Verifier.requireKnownWorkloads(version.cluster(), intendedSets);
      }
      scopeSets.forEach(s -> scopes.addAll(s.invariants()));
      intendedSets.forEach(s -> delta.addAll(s.invariants()));
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      return ExitCodes.INVALID_INPUT;
    } catch (IOException e) {
      err.println("npv: " + e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
    if (!ManifestSupport.solverAvailable(err)) {
      return ExitCodes.SOLVER_UNAVAILABLE;
    }
    DiffReport report;
    try {
      report = new DiffAnalyzer(before.cluster(), after.cluster(), query.session(common)).diff(w, scopes, delta);
    } catch (InternalVerificationError e) {
      err.println("npv: internal error: " + e.getMessage() + " (please report this)");
      return ExitCodes.INTERNAL_ERROR;
    }
    String text = format == Format.json ? new DiffJsonRenderer().render(report, w)
        : new DiffTextRenderer().render(report, w);
    if (output.isPresent()) {
      Files.writeString(output.get(), text);
    } else {
      out.print(text);
      out.flush();
    }
    boolean failed = (!delta.isEmpty() && report.hasCollateral())
        || failOn.map(f -> f == FailOn.opened ? report.opensTraffic() : report.changesTraffic()).orElse(false);
    if (failed) {
      return ExitCodes.VIOLATED;
    }
    boolean asked = !delta.isEmpty() || failOn.isPresent();
    return asked && report.anyUnknown() ? ExitCodes.UNKNOWN : ExitCodes.OK;
  }

  private LoadResult load(String input, PrintWriter err) throws InvalidInputException, IOException {
    if (GitInput.isGit(input)) {
      LoadResult r = new ClusterLoader().loadTexts(GitInput.read(input, repository), common.loadOptions());
      new DiagnosticPrinter(err, common.verbose).print(r.diagnostics());
      return r;
    }
    return ManifestSupport.load(List.of(input), common, err);
  }

}
