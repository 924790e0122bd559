package dev.npv.model;

import com.google.common.collect.ImmutableSet;
import java.util.Optional;

/**
 * The protocols of a Cilium PortProtocol (pkg/policy/api/l4.go). {@code ANY} (also an omitted or empty
 * protocol) matches every protocol with ports: TCP, UDP and SCTP. VRRP and IGMP have no ports and
 * are not protocols npv checks, so they match none of npv's connections.
 */
public enum CiliumProtocol {
  TCP, UDP, SCTP, ANY, VRRP, IGMP;

  /** The protocols npv checks that this one matches. */
  public ImmutableSet<Protocol> transports() {
    return switch (this) {
      case TCP -> ImmutableSet.of(Protocol.TCP);
      case UDP -> ImmutableSet.of(Protocol.UDP);
      case SCTP -> ImmutableSet.of(Protocol.SCTP);
      case ANY -> ImmutableSet.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
      case VRRP, IGMP -> ImmutableSet.of();
    };
  }

  public static Optional<CiliumProtocol> parse(String text) {
    for (CiliumProtocol p : values()) {
      if (p.name().equals(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
