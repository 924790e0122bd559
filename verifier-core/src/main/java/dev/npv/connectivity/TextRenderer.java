package dev.npv.connectivity;

/** One line per link: {@code myapp/frontend (Deployment) -> myapp/backend (Deployment): TCP 5555}. */
final class TextRenderer implements ConnectivityRenderer {
  @Override
  public String render(ConnectivityReport report) {
    if (report.links().isEmpty()) {
      return "no allowed connections" + report.focus().map(f -> " involving " + f).orElse("") + "\n";
    }
    StringBuilder sb = new StringBuilder();
    for (ConnectivityLink l : report.links()) {
      sb.append(l.src().label()).append(" -> ").append(l.dst().label()).append(": ")
          .append(l.ports().compact()).append('\n');
    }
    return sb.toString();
  }
}
