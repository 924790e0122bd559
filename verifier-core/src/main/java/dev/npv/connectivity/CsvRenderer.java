package dev.npv.connectivity;

import java.util.List;

/** RFC 4180 CSV with a header row; one row per protocol of each link; CRLF-free (LF). */
final class CsvRenderer implements ConnectivityRenderer {
  @Override
  public String render(ConnectivityReport report) {
    StringBuilder sb = new StringBuilder();
    line(sb, ConnectionRow.COLUMNS);
    for (ConnectionRow r : ConnectionRow.of(report)) {
      line(sb, r.values());
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(field(values.get(i)));
    }
    sb.append('\n');
  }

  static String field(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
