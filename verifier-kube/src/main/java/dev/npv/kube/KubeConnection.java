package dev.npv.kube;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The client configuration of a {@link KubeSource}, by the kubectl rules, and the context's name. */
record KubeConnection(Config config, String context) {
  /** The context name used when npv runs inside a pod without a kubeconfig. */
  static final String IN_CLUSTER = "in-cluster";

  static KubeConnection open(KubeSource source) throws InvalidInputException {
    Config config;
    try {
      config = configure(source);
    } catch (RuntimeException e) {
      throw error(source, "cannot read the kubeconfig: " + TransportFailures.reason(e));
    }
    Optional<String> current = Optional.ofNullable(config.getCurrentContext()).map(NamedContext::getName);
    if (source.context().isPresent() && !source.context().equals(current)) {
      String known = config.getContexts() == null ? "" : config.getContexts().stream().map(NamedContext::getName)
          .sorted().collect(Collectors.joining(", "));
      throw error(source, "no context '" + source.context().get() + "' in the kubeconfig (contexts: "
          + (known.isEmpty() ? "none" : known) + "; kubectl config get-contexts lists them)");
    }
    if (current.isEmpty() && source.kubeconfig().isPresent()) {
      throw error(source, "--kubeconfig " + source.kubeconfig().get() + " sets no current-context: give --context NAME");
    }
    config.setRequestTimeout(source.requestTimeoutMillis());
    config.setConnectionTimeout(source.requestTimeoutMillis());
    config.setRequestRetryBackoffLimit(source.retries());
    return new KubeConnection(config, current.orElse(IN_CLUSTER));
  }

  private static Config configure(KubeSource source) throws InvalidInputException {
    String context = source.context().orElse(null);
    if (source.kubeconfig().isPresent()) {
      Path file = source.kubeconfig().get();
      if (!Files.isRegularFile(file)) {
        throw error(source, "--kubeconfig " + file + ": no such file");
      }
      return Config.fromKubeconfig(context, file.toFile());
    }
    boolean anyKubeconfig = Config.getKubeconfigFilenames().stream().map(File::new).anyMatch(File::isFile);
    if (!anyKubeconfig && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
      throw error(source, "no kubeconfig found (" + String.join(", ", kubeconfigNames())
          + ") and not running inside a pod: give --kubeconfig FILE");
    }
    return Config.autoConfigure(context);
  }

  private static List<String> kubeconfigNames() {
    return Config.getKubeconfigFilenames().stream().toList();
  }

  private static InvalidInputException error(KubeSource source, String message) {
    String where = "cluster:" + source.context().orElse("<current context>");
    return new InvalidInputException(List.of(Diagnostic.error(ClusterCodes.CONFIG, SourceLocation.ofFile(where),
        message)));
  }
}
