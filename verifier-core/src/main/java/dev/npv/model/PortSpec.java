package dev.npv.model;

import static com.google.common.base.Preconditions.checkArgument;

/** Which port numbers a NetworkPolicyPort admits, for its protocol. */
public sealed interface PortSpec permits PortSpec.AnyPort, PortSpec.Range, PortSpec.Named {

  /** {@code port} omitted: every port of the protocol. */
  record AnyPort() implements PortSpec {
    @Override
    public String toString() {
      return "all ports";
    }
  }

  /** {@code port} (and optional {@code endPort}): the inclusive range first..last. */
  record Range(int first, int last) implements PortSpec {
    public Range {
      checkArgument(1 <= first && first <= last && last <= 65535, "bad port range %s-%s", first, last);
    }

    public boolean contains(int port) {
      return first <= port && port <= last;
    }

    @Override
    public String toString() {
      return first == last ? Integer.toString(first) : first + "-" + last;
    }
  }

  /** A named port: resolved against the destination pod's container ports of the same protocol. */
  record Named(String name) implements PortSpec {
    @Override
    public String toString() {
      return name;
    }
  }
}
