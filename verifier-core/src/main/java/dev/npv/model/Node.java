package dev.npv.model;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;

/**
 * A cluster node (core/v1 Node): its name, its labels and the IPs of its {@code status.addresses}
 * (types InternalIP and ExternalIP; Hostname and the DNS types name no address). Nodes are not pods:
 * only the {@code nodes} peers of admin policies select them by label, and address peers match their
 * IPs as any other address outside the pod network. {@code podCidrs} are the ranges of its
 * {@code spec.podCIDRs} (or {@code spec.podCIDR}), from which its pods get their addresses: part of
 * the pod network.
 */
public record Node(String name, ImmutableSortedMap<String, String> labels, ImmutableList<IpAddress> addresses,
                   SourceLocation location, ImmutableList<Cidr> podCidrs) {
  public Node {
    Preconditions.checkArgument(!name.isEmpty(), "a node needs a name");
  }

  /** A node whose manifest states no pod range. */
  public Node(String name, ImmutableSortedMap<String, String> labels, ImmutableList<IpAddress> addresses,
              SourceLocation location) {
    this(name, labels, addresses, location, ImmutableList.of());
  }

  /** "worker-1 (role=infra)", for witnesses and explanations. */
  @Override
  public String toString() {
    if (labels.isEmpty()) {
      return name + " (no labels)";
    }
    StringBuilder b = new StringBuilder(name).append(" (");
    labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ",").append(k).append('=').append(v));
    return b.append(')').toString();
  }
}
