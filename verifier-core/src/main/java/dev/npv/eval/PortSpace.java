package dev.npv.eval;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.npv.model.Protocol;
import java.util.EnumMap;

/**
 * A set of (protocol, port) pairs, the domain of the evaluator's walk: one pair when {@code decide}
 * asks about one connection, every pair when the bulk queries ask for all ports at once. Mutable and
 * confined to one walk.
 */
final class PortSpace {
  static final RangeSet<Integer> ALL_PORTS = ImmutableRangeSet.of(Range.closed(1, 65535));

  private final EnumMap<Protocol, TreeRangeSet<Integer>> ports = new EnumMap<>(Protocol.class);

  private PortSpace() {
    for (Protocol p : Protocol.values()) {
      ports.put(p, TreeRangeSet.create());
    }
  }

  static PortSpace none() {
    return new PortSpace();
  }

  static PortSpace all() {
    PortSpace out = new PortSpace();
    out.ports.values().forEach(s -> s.addAll(ALL_PORTS));
    return out;
  }

  static PortSpace single(Protocol protocol, int port) {
    PortSpace out = new PortSpace();
    out.ports.get(protocol).add(Range.singleton(port));
    return out;
  }

  PortSpace copy() {
    PortSpace out = new PortSpace();
    out.addAll(this);
    return out;
  }

  boolean isEmpty() {
    return ports.values().stream().allMatch(RangeSet::isEmpty);
  }

  void add(Protocol protocol, RangeSet<Integer> more) {
    ports.get(protocol).addAll(more);
  }

  void addAll(PortSpace other) {
    other.ports.forEach(this::add);
  }

  /** Keeps only what {@code other} holds too. */
  void retainAll(PortSpace other) {
    ports.forEach((p, s) -> s.removeAll(other.ports.get(p).complement()));
  }

  void removeAll(PortSpace other) {
    ports.forEach((p, s) -> s.removeAll(other.ports.get(p)));
  }

  boolean contains(Protocol protocol, int port) {
    return ports.get(protocol).contains(port);
  }

  RangeSet<Integer> get(Protocol protocol) {
    return ImmutableRangeSet.copyOf(ports.get(protocol));
  }

  ImmutableMap<Protocol, RangeSet<Integer>> toMap() {
    EnumMap<Protocol, RangeSet<Integer>> out = new EnumMap<>(Protocol.class);
    ports.forEach((p, s) -> out.put(p, ImmutableRangeSet.copyOf(s)));
    return ImmutableMap.copyOf(out);
  }
}
