package dev.npv.kube;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which cluster to read and how, by the kubectl conventions: a kubeconfig file (else {@code $KUBECONFIG},
 * else {@code ~/.kube/config}, else the pod's service account), a context in it (else its current
 * context), and one namespace or all of them. Each request gets {@code requestTimeoutMillis}; a list is
 * read {@code pageSize} objects at a time; a failed request is tried again at most {@code retries} times.
 */
public record KubeSource(Optional<Path> kubeconfig, Optional<String> context, Optional<String> namespace,
                         int pageSize, int requestTimeoutMillis, int retries) {
  public static final int DEFAULT_PAGE_SIZE = 500;
  public static final int DEFAULT_TIMEOUT_MILLIS = 30_000;

  public KubeSource {
    checkArgument(pageSize >= 1, "page size must be at least 1");
    checkArgument(requestTimeoutMillis >= 1, "request timeout must be at least 1 ms");
    checkArgument(retries >= 0, "retries must not be negative");
  }

  /** The current context of the default kubeconfig, every namespace. */
  public static KubeSource defaults() {
    return new KubeSource(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_PAGE_SIZE,
        DEFAULT_TIMEOUT_MILLIS, 2);
  }

  public KubeSource withKubeconfig(Path file) {
    return new KubeSource(Optional.of(file), context, namespace, pageSize, requestTimeoutMillis, retries);
  }

  public KubeSource withContext(String name) {
    return new KubeSource(kubeconfig, Optional.of(name), namespace, pageSize, requestTimeoutMillis, retries);
  }

  public KubeSource withNamespace(String name) {
    return new KubeSource(kubeconfig, context, Optional.of(name), pageSize, requestTimeoutMillis, retries);
  }

  public KubeSource withPageSize(int size) {
    return new KubeSource(kubeconfig, context, namespace, size, requestTimeoutMillis, retries);
  }

  public KubeSource withRequestTimeoutMillis(int millis) {
    return new KubeSource(kubeconfig, context, namespace, pageSize, millis, retries);
  }

  public KubeSource withRetries(int n) {
    return new KubeSource(kubeconfig, context, namespace, pageSize, requestTimeoutMillis, n);
  }
}
