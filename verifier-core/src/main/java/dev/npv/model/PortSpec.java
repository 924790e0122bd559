package dev.npv.model;

import static com.google.common.base.Preconditions.checkArgument;

/** Which port numbers a NetworkPolicyPort admits, for its protocol. */
public sealed interface PortSpec permits PortSpec.AnyPort, PortSpec.Range, PortSpec.Named {

  /** Every reading of a port entry (evaluate, encode, explain, lint) goes through here: a new kind breaks them all. */
  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R anyPort(AnyPort spec);

    R range(Range spec);

    R named(Named spec);
  }

  /** {@code port} omitted: every port of the protocol. */
  record AnyPort() implements PortSpec {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.anyPort(this);
    }

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

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.range(this);
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
    public <R> R accept(Visitor<R> visitor) {
      return visitor.named(this);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
