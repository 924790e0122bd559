package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Namespace;
import dev.npv.model.Node;
import dev.npv.model.Workload;
import java.util.Optional;

/** Turns the manifests' workloads into concrete endpoints. */
public final class Endpoints {
  private Endpoints() {
  }

  /**
   * The pods of a workload: one endpoint per known IP, or one with an unknown IP. They differ only
   * in their address, which only ipBlock peers look at. A hostNetwork workload whose address the
   * manifests do not give is at each known node's address in turn (it runs on one of them), with
   * that node; without Node manifests, at an unknown address on no known node.
   */
  public static ImmutableList<PodEndpoint> of(Cluster cluster, Workload w) {
    ImmutableSortedMap<String, String> nsLabels = cluster.namespace(w.namespace())
        .map(Namespace::labels)
        .orElse(ImmutableSortedMap.of(Namespace.NAME_LABEL, w.namespace()));
    if (w.podIps().isEmpty() && w.hostNetwork()) {
      // A hostNetwork pod has its node's address: it may run on any of the known nodes.
      ImmutableList<PodEndpoint> onNodes = cluster.nodes().stream().flatMap(n -> n.addresses().stream()
              .map(ip -> new PodEndpoint(w.namespace(), nsLabels, w.labels(), w.ports(), Optional.of(ip), true, w.id(),
                  w.podIps(), Optional.of(n))))
          .collect(ImmutableList.toImmutableList());
      if (!onNodes.isEmpty()) {
        return onNodes;
      }
    }
    if (w.podIps().isEmpty()) {
      return ImmutableList.of(pod(cluster, w, nsLabels, Optional.empty()));
    }
    return w.podIps().stream().map(ip -> pod(cluster, w, nsLabels, Optional.of(ip)))
        .collect(ImmutableList.toImmutableList());
  }

  private static PodEndpoint pod(Cluster cluster, Workload w, ImmutableSortedMap<String, String> nsLabels,
                                 Optional<IpAddress> ip) {
    // A hostNetwork pod uses its node's address: the node is the one with that address.
    Optional<Node> node = w.hostNetwork() ? ip.flatMap(cluster::nodeAt) : Optional.empty();
    return new PodEndpoint(w.namespace(), nsLabels, w.labels(), w.ports(), ip, w.hostNetwork(), w.id(), w.podIps(),
        node);
  }
}
