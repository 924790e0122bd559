package dev.npv.cli;

import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityFormat;
import dev.npv.connectivity.ConnectivityReport;
import dev.npv.diag.InvalidInputException;
import dev.npv.load.LoadResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code npv connectivity}: the exact allowed connectivity between the manifests' workloads. */
@Command(name = "connectivity", mixinStandardHelpOptions = true,
    description = "List, per ordered pair of workloads, the protocols and ports policy allows, and the "
        + "external address ranges each workload can reach and be reached from.",
    footer = {"", ExitCodes.HELP})
final class ConnectivityCommand implements Callable<Integer> {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = "text, json, csv, md or dot (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--focus", paramLabel = "NS/NAME", description = "Only connections of this workload.")
  Optional<String> focus;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Optional<Path> output;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Manifest files or directories, or - for "
      + "stdin; none with --cluster.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ConnectivityFormat> fmt = ConnectivityFormat.parse(format);
    if (fmt.isEmpty()) {
      err.println("npv: unknown --format '" + format + "' (text, json, csv, md, dot)");
      return ExitCodes.USAGE;
    }
    LoadResult loaded;
    try {
      loaded = ManifestSupport.load(paths, common, cluster, err);
    } catch (InvalidInputException e) {
      return ExitCodes.INVALID_INPUT;
    }
    if (focus.isPresent()) {
      String[] parts = focus.get().split("/", 2);
      if (parts.length != 2 || loaded.cluster().workload(parts[0], parts[1]).isEmpty()) {
        err.println("npv: --focus " + focus.get() + ": no such workload (use namespace/name)");
        return ExitCodes.USAGE;
      }
    }
    ConnectivityReport report = new ConnectivityAnalyzer(loaded.cluster(), common.evaluatorOptions()).analyze(focus);
    String text = fmt.get().renderer().render(report);
    if (output.isPresent()) {
      if (!AtomicOutput.write(output.get(), text, err)) {
        return ExitCodes.USAGE;
      }
    } else {
      out.print(text);
      out.flush();
    }
    return ManifestSupport.unmodelledCouldChange(loaded.cluster(), Optional.empty(), err) ? ExitCodes.UNKNOWN
        : ExitCodes.OK;
  }
}
