package dev.npv.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import dev.npv.model.Protocol;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortSetTest {
  private static ImmutableRangeSet<Integer> ports(Range<Integer>... ranges) {
    TreeRangeSet<Integer> s = TreeRangeSet.create();
    for (Range<Integer> r : ranges) {
      s.add(r);
    }
    return ImmutableRangeSet.copyOf(s);
  }

  @Test
  void compactListsProtocolsInOrderTcpUdpSctp() {
    Map<Protocol, ImmutableRangeSet<Integer>> m = new EnumMap<>(Protocol.class);
    m.put(Protocol.SCTP, ports(Range.singleton(9)));
    m.put(Protocol.UDP, ports(Range.singleton(53)));
    m.put(Protocol.TCP, ports(Range.closed(8080, 8090), Range.singleton(80)));
    assertEquals("TCP 80,8080-8090; UDP 53; SCTP 9", PortSet.of(m).compact());
  }

  @Test
  void adjacentRangesCoalesce() {
    PortSet p = PortSet.of(Map.of(Protocol.TCP, ports(Range.closed(80, 81), Range.closed(82, 90))));
    assertEquals("TCP 80-90", p.compact());
  }

  @Test
  void openBoundsFromSetArithmeticPrintAsClosed() {
    TreeRangeSet<Integer> s = TreeRangeSet.create();
    s.add(Range.closed(1, 65535));
    s.remove(Range.closed(100, 200)); // leaves [1..100) and (200..65535]
    assertEquals("1-99,201-65535", PortSet.ranges(s));
  }

  @Test
  void allMeansEveryPortOfEveryProtocol() {
    assertEquals("all", PortSet.all().compact());
    assertTrue(PortSet.all().isAll());
    PortSet tcpOnly = PortSet.of(Map.of(Protocol.TCP, ports(Range.closed(1, 65535))));
    assertFalse(tcpOnly.isAll());
    assertEquals("TCP all", tcpOnly.compact());
  }

  @Test
  void emptyProtocolsAreDroppedAndUnionMerges() {
    PortSet a = PortSet.of(Map.of(Protocol.TCP, ports(Range.singleton(80)), Protocol.UDP, ports()));
    assertEquals(1, a.byProtocol().size());
    PortSet b = PortSet.of(Map.of(Protocol.TCP, ports(Range.singleton(81)), Protocol.UDP, ports(Range.singleton(53))));
    assertEquals("TCP 80-81; UDP 53", a.union(b).compact());
    assertTrue(PortSet.EMPTY.isEmpty());
    assertEquals(a, a.union(PortSet.EMPTY));
  }
}
