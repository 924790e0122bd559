package dev.npv.connectivity;

import java.util.TreeSet;

/**
 * A Graphviz digraph: workloads as ellipses, external ranges as boxes, one edge per link labelled
 * with its ports. Node ids are {@code name (Kind)}, unique even when two kinds share a name.
 */
final class DotRenderer implements ConnectivityRenderer {
  @Override
  public String render(ConnectivityReport report) {
    TreeSet<ConnectivityNode> nodes = new TreeSet<>();
    report.links().forEach(l -> {
      nodes.add(l.src());
      nodes.add(l.dst());
    });
    StringBuilder sb = new StringBuilder("digraph connectivity {\n  rankdir=LR;\n");
    for (ConnectivityNode n : nodes) {
      sb.append("  ").append(quote(n.label())).append(" [label=").append(quote(n.name() + "\n" + n.kind()))
          .append(", shape=").append(n.external() ? "box" : "ellipse").append("];\n");
    }
    for (ConnectivityLink l : report.links()) {
      sb.append("  ").append(quote(l.src().label())).append(" -> ").append(quote(l.dst().label()))
          .append(" [label=").append(quote(l.ports().compact())).append("];\n");
    }
    return sb.append("}\n").toString();
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
