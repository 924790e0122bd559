package dev.npv.eval;

import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import java.util.Optional;

/** One connection attempt: from {@code src} to {@code dst} on {@code protocol}/{@code port}. */
public record Connection(Endpoint src, Endpoint dst, Protocol protocol, int port) {
  /** See {@link #oneAddressFamily(Endpoint, Endpoint)}. */
  public boolean oneAddressFamily() {
    return oneAddressFamily(src, dst);
  }

  /**
   * A packet carries one address family in both its addresses: when the two ends share a family (a
   * dual-stack pod and anything), a connection never pairs one end's IPv6 address with the other's
   * IPv4 address. Ends whose address is unknown may use either family; ends that share no family
   * (a single-stack IPv4 pod and an IPv6 one) are left as they are, npv does not model how they
   * would talk.
   */
  public static boolean oneAddressFamily(Endpoint a, Endpoint b) {
    Optional<IpAddress> x = a.address();
    Optional<IpAddress> y = b.address();
    if (x.isEmpty() || y.isEmpty() || x.get().v6() == y.get().v6()) {
      return true;
    }
    return !(a.mayUse(false) && b.mayUse(false)) && !(a.mayUse(true) && b.mayUse(true));
  }

  @Override
  public String toString() {
    return src.display() + " -> " + dst.display() + " " + protocol + "/" + port;
  }
}
