package dev.npv.cli;

import dev.npv.kube.KubeSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/** Reading the manifests from a live cluster instead of PATH, by the kubectl conventions. */
final class ClusterOptions {
  @Option(names = "--cluster", description = "Read every kind npv models from the API server (read-only: get and "
      + "list), all namespaces or -n's, instead of PATH.")
  boolean enabled;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to read (default: its "
      + "current context). Needs --cluster.")
  Optional<String> context;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig file (default: $KUBECONFIG, "
      + "else ~/.kube/config, else the pod's service account). Needs --cluster.")
  Optional<Path> kubeconfig;

  @Option(names = "--cluster-timeout", defaultValue = "30000", paramLabel = "MS", description = "Longest wait for "
      + "one answer of the API server in milliseconds (default: ${DEFAULT-VALUE}).")
  int timeoutMillis;

  @Option(names = "--page-size", defaultValue = "500", paramLabel = "N", description = "Objects per list request "
      + "(limit/continue paging, as kubectl's --chunk-size; default: ${DEFAULT-VALUE}).")
  int pageSize;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  /** Checks that exactly one source of manifests is given: PATHs, or --cluster. */
  void requireOneSource(List<String> paths) {
    requireClusterForConnectionFlags();
    if (enabled && !paths.isEmpty()) {
      throw usage("give PATH or --cluster, not both (--cluster reads every manifest from the cluster)");
    }
    if (!enabled && paths.isEmpty()) {
      throw usage("PATH is required: manifest files or directories, - for stdin, or --cluster");
    }
  }

  void requireClusterForConnectionFlags() {
    if (!enabled && (context.isPresent() || kubeconfig.isPresent())) {
      throw usage("--context and --kubeconfig need --cluster");
    }
  }

  KubeSource source(Optional<String> namespace) {
    if (timeoutMillis < 1) {
      throw usage("--cluster-timeout must be at least 1, not " + timeoutMillis);
    }
    if (pageSize < 1) {
      throw usage("--page-size must be at least 1, not " + pageSize);
    }
    KubeSource s = KubeSource.defaults().withRequestTimeoutMillis(timeoutMillis).withPageSize(pageSize);
    s = kubeconfig.map(s::withKubeconfig).orElse(s);
    s = context.map(s::withContext).orElse(s);
    return namespace.map(s::withNamespace).orElse(s);
  }

  private ParameterException usage(String message) {
    return new ParameterException(mixee.commandLine(), message);
  }
}
