package dev.npv.model;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * One rule of an admin policy, in list order ({@code index}, 0-based). {@code peers} are ORed; the
 * API requires at least one, so an empty list matches nothing. Each pod peer has a namespaceSelector
 * (admin policies have no "own namespace"); {@code networks} become address peers without excepts,
 * {@code nodes} node peers. {@code ports} empty = every
 * port and protocol (the API: "If Ports is not set then the rule does not filter traffic via port").
 */
public record AdminRule(Direction direction, int index, Optional<String> name, AdminAction action,
                        ImmutableList<Peer> peers, ImmutableList<PolicyPort> ports, SourceLocation location) {
  public boolean allPorts() {
    return ports.isEmpty();
  }
}
