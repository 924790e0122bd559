package dev.npv.connectivity;

import com.google.common.collect.BoundType;
import com.google.common.collect.DiscreteDomain;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.npv.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Allowed ports per protocol. Only protocols with at least one port are kept, in the order TCP, UDP,
 * SCTP, so that equal sets are equal records.
 */
public record PortSet(ImmutableSortedMap<Protocol, ImmutableRangeSet<Integer>> byProtocol) {
  static final Range<Integer> ALL_PORTS = Range.closed(1, 65535);
  private static final DiscreteDomain<Integer> INTEGERS = DiscreteDomain.integers();
  public static final PortSet EMPTY = new PortSet(ImmutableSortedMap.of());

  public static PortSet of(Map<Protocol, ? extends RangeSet<Integer>> ports) {
    ImmutableSortedMap.Builder<Protocol, ImmutableRangeSet<Integer>> b = ImmutableSortedMap.naturalOrder();
    ports.forEach((protocol, set) -> {
      ImmutableRangeSet<Integer> clipped = canonical(set).subRangeSet(ALL_PORTS.canonical(INTEGERS));
      if (!clipped.isEmpty()) {
        b.put(protocol, clipped);
      }
    });
    return new PortSet(b.build());
  }

  /**
   * Ranges in the [a..b) form of the integers, so that adjacent ones such as 80-81 and 82-90
   * coalesce and equal sets have equal representations.
   */
  private static ImmutableRangeSet<Integer> canonical(RangeSet<Integer> set) {
    TreeRangeSet<Integer> out = TreeRangeSet.create();
    set.asRanges().forEach(r -> out.add(r.canonical(INTEGERS)));
    return ImmutableRangeSet.copyOf(out);
  }

  public static PortSet all() {
    ImmutableSortedMap.Builder<Protocol, ImmutableRangeSet<Integer>> b = ImmutableSortedMap.naturalOrder();
    for (Protocol p : Protocol.values()) {
      b.put(p, ImmutableRangeSet.of(ALL_PORTS.canonical(INTEGERS)));
    }
    return new PortSet(b.build());
  }

  public boolean isEmpty() {
    return byProtocol.isEmpty();
  }

  /** Every port of every protocol. */
  public boolean isAll() {
    return byProtocol.size() == Protocol.values().length
        && byProtocol.values().stream().allMatch(PortSet::allPorts);
  }

  public PortSet union(PortSet other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    ImmutableSortedMap.Builder<Protocol, ImmutableRangeSet<Integer>> b = ImmutableSortedMap.naturalOrder();
    for (Protocol p : Protocol.values()) {
      TreeRangeSet<Integer> u = TreeRangeSet.create();
      u.addAll(byProtocol.getOrDefault(p, ImmutableRangeSet.of()));
      u.addAll(other.byProtocol.getOrDefault(p, ImmutableRangeSet.of()));
      if (!u.isEmpty()) {
        b.put(p, ImmutableRangeSet.copyOf(u));
      }
    }
    return new PortSet(b.build());
  }

  /** {@code TCP 80,8080-8090; UDP 53}, or {@code all}; empty text for no ports. */
  public String compact() {
    if (isAll()) {
      return "all";
    }
    List<String> parts = new ArrayList<>();
    byProtocol.forEach((p, set) -> parts.add(p + " " + (allPorts(set) ? "all" : ranges(set))));
    return String.join("; ", parts);
  }

  /** {@code 80,8080-8090}; {@code 1-65535} for every port. */
  public static String ranges(RangeSet<Integer> set) {
    List<String> parts = new ArrayList<>();
    for (Range<Integer> r : set.asRanges()) {
      int first = r.lowerBoundType() == BoundType.CLOSED
          ? r.lowerEndpoint() : r.lowerEndpoint() + 1;
      int last = r.upperBoundType() == BoundType.CLOSED
          ? r.upperEndpoint() : r.upperEndpoint() - 1;
      if (first <= last) {
        parts.add(first == last ? Integer.toString(first) : first + "-" + last);
      }
    }
    return String.join(",", parts);
  }

  private static boolean allPorts(RangeSet<Integer> set) {
    return set.encloses(ALL_PORTS);
  }

  @Override
  public String toString() {
    return compact();
  }
}
