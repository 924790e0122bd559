package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.IpBlock;
import dev.npv.model.Node;
import dev.npv.model.Workload;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which address a pod may have when the manifests do not give it (a controller's template stand-in,
 * a pod without status, a new pod): an address no known pod or node holds (two live endpoints never
 * share one; a hostNetwork pod is the exception, it has its node's) and, when the pod network is
 * stated, one inside it: {@code --pod-cidr} and the Node manifests' {@code spec.podCIDR(s)}. Stated,
 * the pod network also holds no external address. Plain data, read alike by both evaluators.
 */
public record AddressRules(ImmutableList<Cidr> podNetwork, ImmutableSortedSet<IpAddress> held) {

  public static AddressRules of(Cluster cluster, EvaluatorOptions options) {
    Set<Cidr> network = new LinkedHashSet<>(options.podCidrs());
    cluster.nodes().forEach(n -> network.addAll(n.podCidrs()));
    ImmutableSortedSet.Builder<IpAddress> held = ImmutableSortedSet.naturalOrder();
    for (Workload w : cluster.workloads()) {
      held.addAll(w.podIps());
    }
    for (Node n : cluster.nodes()) {
      held.addAll(n.addresses());
    }
    return new AddressRules(ImmutableList.copyOf(network), held.build());
  }

  /** Whether the pod network is stated (else a pod of unknown address may have any address not held). */
  public boolean podNetworkStated() {
    return !podNetwork.isEmpty();
  }

  /** An address a pod whose address the manifests do not give may have. */
  public boolean podMayHave(IpAddress a) {
    return !held.contains(a) && (!podNetworkStated() || inPodNetwork(a));
  }

  public boolean inPodNetwork(IpAddress a) {
    return podNetwork.stream().anyMatch(c -> c.contains(a));
  }

  /**
   * For a pod whose address the manifests do not give: true if every address it may have is in
   * {@code block}, false if none is, empty if it depends on the address. Known only with a stated pod
   * network (without it, there is always an address inside and one outside any block but the whole
   * space; such blocks are left to depend as well, today's reading).
   */
  public Optional<Boolean> unknownPodIn(IpBlock block) {
    if (!podNetworkStated()) {
      return Optional.empty();
    }
    boolean all = podNetwork.stream().allMatch(c -> covers(block, c));
    if (all) {
      return Optional.of(true);
    }
    boolean none = podNetwork.stream().allMatch(c -> !overlaps(block.cidr(), c)
        || block.except().stream().anyMatch(x -> x.contains(c)));
    return none ? Optional.of(false) : Optional.empty();
  }

  /** Every address of {@code c} is in the block: inside its CIDR and overlapping none of its excepts. */
  private static boolean covers(IpBlock block, Cidr c) {
    return block.cidr().contains(c) && block.except().stream().noneMatch(x -> overlaps(x, c));
  }

  static boolean overlaps(Cidr a, Cidr b) {
    return a.v6() == b.v6() && (a.contains(b) || b.contains(a));
  }

  /** What a report says of such an address: "address not given by the manifests; any pod address …". */
  public String unknownAddressRule() {
    return "address not given by the manifests; any pod address not held by another pod"
        + (podNetworkStated() ? " inside the pod network " + podNetwork.stream().map(Cidr::toString)
            .collect(Collectors.joining(", ")) : "");
  }
}
