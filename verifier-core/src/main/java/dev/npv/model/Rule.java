package dev.npv.model;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;

/**
 * One ingress or egress rule. {@code peers} empty = every peer (absent or empty from/to);
 * {@code ports} empty = every port and protocol. {@code index} is the 0-based position in the
 * policy's list, as users see it in {@code kubectl get -o yaml}.
 */
public record Rule(Direction direction, int index, ImmutableList<Peer> peers,
                   ImmutableList<PolicyPort> ports, SourceLocation location) {
  public boolean allPeers() {
    return peers.isEmpty();
  }

  public boolean allPorts() {
    return ports.isEmpty();
  }
}
