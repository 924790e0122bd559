package dev.npv.connectivity;

/** A GitHub-flavoured Markdown table, one row per link. */
final class MarkdownRenderer implements ConnectivityRenderer {
  @Override
  public String render(ConnectivityReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append("| Source | Source kind | Destination | Destination kind | Ports |\n");
    sb.append("| --- | --- | --- | --- | --- |\n");
    for (ConnectivityLink l : report.links()) {
      sb.append("| ").append(cell(l.src().name())).append(" | ").append(cell(l.src().kind()))
          .append(" | ").append(cell(l.dst().name())).append(" | ").append(cell(l.dst().kind()))
          .append(" | ").append(cell(l.ports().compact())).append(" |\n");
    }
    return sb.toString();
  }

  private static String cell(String v) {
    return v.replace("\\", "\\\\").replace("|", "\\|");
  }
}
