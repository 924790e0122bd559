package dev.npv.model;

import com.google.common.base.Preconditions;

/**
 * One entry of a Calico rule's {@code ports} or {@code notPorts} ({@code numorstring.Port}): a number, a
 * {@code "min:max"} range (inclusive), or the name of a port of the matched endpoint.
 */
public sealed interface CalicoPort {
  /** {@code min == max} for a single port. */
  record Range(int min, int max) implements CalicoPort {
    public Range {
      Preconditions.checkArgument(0 <= min && min <= max && max <= 65535, "bad port range %s:%s", min, max);
    }

    public boolean contains(int port) {
      return min <= port && port <= max;
    }

    @Override
    public String toString() {
      return min == max ? Integer.toString(min) : min + ":" + max;
    }
  }

  /** A named port ({@code ^[a-zA-Z0-9_.-]{1,128}$}), resolved against the endpoint's container ports. */
  record Named(String name) implements CalicoPort {
    public Named {
      Preconditions.checkArgument(name.matches("[a-zA-Z0-9_.-]{1,128}"), "bad port name %s", name);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
