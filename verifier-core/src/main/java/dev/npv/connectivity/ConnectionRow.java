package dev.npv.connectivity;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import dev.npv.model.Protocol;
import java.util.Map;

/**
 * One protocol of one link, as the tabular formats (JSON, CSV) list them: all ports of a protocol
 * are {@code 1-65535}.
 */
record ConnectionRow(String src, String srcKind, String dst, String dstKind, String protocol, String ports) {
  static final ImmutableList<String> COLUMNS = ImmutableList.of("src", "srcKind", "dst", "dstKind", "protocol", "ports");

  static ImmutableList<ConnectionRow> of(ConnectivityReport report) {
    ImmutableList.Builder<ConnectionRow> out = ImmutableList.builder();
    for (ConnectivityLink l : report.links()) {
      for (Map.Entry<Protocol, ImmutableRangeSet<Integer>> e : l.ports().byProtocol().entrySet()) {
        out.add(new ConnectionRow(l.src().name(), l.src().kind(), l.dst().name(), l.dst().kind(),
            e.getKey().name(), PortSet.ranges(e.getValue())));
      }
    }
    return out.build();
  }

  ImmutableList<String> values() {
    return ImmutableList.of(src, srcKind, dst, dstKind, protocol, ports);
  }
}
