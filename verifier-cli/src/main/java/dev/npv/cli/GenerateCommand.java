package dev.npv.cli;

import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code npv generate}: writes a synthetic, deterministic cluster and an invariant spec. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a realistic synthetic cluster (namespaces, deployments, statefulsets, network "
        + "policies) into OUT_DIR/manifests and an invariant spec into OUT_DIR/invariants.yaml. The same "
        + "options always produce byte-identical files.",
    footer = {"", "Then: npv check --spec OUT_DIR/invariants.yaml OUT_DIR/manifests", "", ExitCodes.HELP})
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--namespaces", defaultValue = "10", paramLabel = "N",
      description = "Application namespaces (default: ${DEFAULT-VALUE}); three infrastructure namespaces are added.")
  int namespaces;

  @Option(names = "--workloads-per-namespace", defaultValue = "8", paramLabel = "W",
      description = "Deployments/StatefulSets per namespace (default: ${DEFAULT-VALUE}).")
  int workloads;

  @Option(names = "--policies-per-namespace", defaultValue = "16", paramLabel = "P",
      description = "NetworkPolicies per namespace (default: ${DEFAULT-VALUE}).")
  int policies;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Parameters(index = "0", paramLabel = "OUT_DIR", description = "Directory to write into (created if needed).")
  Path outDir;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GeneratorConfig config;
    try {
      config = new GeneratorConfig(namespaces, workloads, policies, seed);
    } catch (IllegalArgumentException e) {
      err.println("npv: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    GeneratedCluster g = new ClusterGenerator().generate(config);
    g.writeTo(outDir);
    GeneratedCluster.Stats s = g.stats();
    out.printf("wrote %d files to %s: %d namespaces, %d workloads (%d pods), %d network policies, %d invariants%n",
        g.files().size(), outDir, s.namespaces(), s.workloads(), s.pods(), s.policies(), s.invariants());
    out.flush();
    return ExitCodes.OK;
  }
}
