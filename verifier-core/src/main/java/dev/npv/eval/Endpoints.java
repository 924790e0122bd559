package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Namespace;
import dev.npv.model.Workload;
import java.util.Optional;

/** Turns the manifests' workloads into concrete endpoints. */
public final class Endpoints {
  private Endpoints() {
  }

  /**
   * The pods of a workload: one endpoint per known IP, or one with an unknown IP. They differ only
   * in their address, which only ipBlock peers look at.
   */
  public static ImmutableList<PodEndpoint> of(Cluster cluster, Workload w) {
    ImmutableSortedMap<String, String> nsLabels = cluster.namespace(w.namespace())
        .map(Namespace::labels)
        .orElse(ImmutableSortedMap.of(Namespace.NAME_LABEL, w.namespace()));
    if (w.podIps().isEmpty()) {
      return ImmutableList.of(pod(w, nsLabels, Optional.empty()));
    }
    return w.podIps().stream().map(ip -> pod(w, nsLabels, Optional.of(ip)))
        .collect(ImmutableList.toImmutableList());
  }

  private static PodEndpoint pod(Workload w, ImmutableSortedMap<String, String> nsLabels,
                                 Optional<IpAddress> ip) {
    return new PodEndpoint(w.namespace(), nsLabels, w.labels(), w.ports(), ip, w.hostNetwork(), w.id(), w.podIps());
  }
}
