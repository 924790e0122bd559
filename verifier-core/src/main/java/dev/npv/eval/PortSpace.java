package dev.npv.eval;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.npv.model.Protocol;
import java.util.Arrays;
import java.util.EnumMap;

/**
 * A set of (protocol, port) pairs, the domain of the evaluator's walk: one pair when {@code decide}
 * asks about one connection, every pair when the bulk queries ask for all ports at once. Mutable and
 * confined to one walk. Per protocol it shares the sets it is given until it changes one (copy on
 * write): the bulk queries run this for every pair of endpoints.
 */
final class PortSpace {
  static final RangeSet<Integer> ALL_PORTS = ImmutableRangeSet.of(Range.closed(1, 65535));
  private static final RangeSet<Integer> NO_PORTS = ImmutableRangeSet.of();
  private static final Protocol[] PROTOCOLS = Protocol.values();

  /** Per protocol (by ordinal); shared (read only) unless {@code owned}. */
  @SuppressWarnings("unchecked")
  private final RangeSet<Integer>[] ports = new RangeSet[PROTOCOLS.length];
  private final boolean[] owned = new boolean[PROTOCOLS.length];

  private PortSpace(RangeSet<Integer> each) {
    Arrays.fill(ports, each);
  }

  static PortSpace none() {
    return new PortSpace(NO_PORTS);
  }

  static PortSpace all() {
    return new PortSpace(ALL_PORTS);
  }

  static PortSpace single(Protocol protocol, int port) {
    PortSpace out = none();
    out.ports[protocol.ordinal()] = ImmutableRangeSet.of(Range.singleton(port));
    return out;
  }

  PortSpace copy() {
    PortSpace out = none();
    System.arraycopy(ports, 0, out.ports, 0, ports.length);
    Arrays.fill(owned, false); // both share now: whoever changes a set first copies it
    return out;
  }

  boolean isEmpty() {
    for (RangeSet<Integer> s : ports) {
      if (!s.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Adds {@code more} (which this may share, so it must not change later). */
  void add(Protocol protocol, RangeSet<Integer> more) {
    int p = protocol.ordinal();
    if (more.isEmpty()) {
      return;
    }
    if (ports[p].isEmpty()) {
      ports[p] = more;
      owned[p] = false;
    } else {
      mutable(p).addAll(more);
    }
  }

  void addAll(PortSpace other) {
    for (Protocol p : PROTOCOLS) {
      add(p, other.ports[p.ordinal()]);
    }
    Arrays.fill(other.owned, false); // this may share other's sets now
  }

  /** Keeps only what {@code other} holds too. */
  void retainAll(PortSpace other) {
    for (int p = 0; p < ports.length; p++) {
      RangeSet<Integer> keep = other.ports[p];
      if (ports[p].isEmpty() || keep.encloses(ALL_PORTS.span())) {
        continue;
      }
      if (keep.isEmpty()) {
        ports[p] = NO_PORTS;
        owned[p] = false;
      } else {
        mutable(p).removeAll(keep.complement());
      }
    }
  }

  void removeAll(PortSpace other) {
    for (int p = 0; p < ports.length; p++) {
      if (!ports[p].isEmpty() && !other.ports[p].isEmpty()) {
        mutable(p).removeAll(other.ports[p]);
      }
    }
  }

  boolean contains(Protocol protocol, int port) {
    return ports[protocol.ordinal()].contains(port);
  }

  RangeSet<Integer> get(Protocol protocol) {
    return ImmutableRangeSet.copyOf(ports[protocol.ordinal()]);
  }

  ImmutableMap<Protocol, RangeSet<Integer>> toMap() {
    EnumMap<Protocol, RangeSet<Integer>> out = new EnumMap<>(Protocol.class);
    for (Protocol p : PROTOCOLS) {
      out.put(p, get(p));
    }
    return ImmutableMap.copyOf(out);
  }

  private RangeSet<Integer> mutable(int p) {
    if (!owned[p]) {
      ports[p] = TreeRangeSet.create(ports[p]);
      owned[p] = true;
    }
    return ports[p];
  }
}
