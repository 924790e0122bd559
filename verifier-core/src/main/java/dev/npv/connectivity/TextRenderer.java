package dev.npv.connectivity;

/**
 * One line per link: {@code myapp/frontend (Deployment) -> myapp/backend (Deployment): TCP 5555};
 * between pods of one workload {@code myapp/web (Deployment) replica to replica: TCP 80}.
 */
final class TextRenderer implements ConnectivityRenderer {
  @Override
  public String render(ConnectivityReport report) {
    if (report.links().isEmpty()) {
      return "no allowed connections" + report.focus().map(f -> " involving " + f).orElse("") + "\n";
    }
    StringBuilder sb = new StringBuilder();
    for (ConnectivityLink l : report.links()) {
      if (l.src().equals(l.dst())) {
        sb.append(l.src().label()).append(" replica to replica: ");
      } else {
        sb.append(l.src().label()).append(" -> ").append(l.dst().label())
            .append(l.betweenReplicas() ? " (replica to replica): " : ": ");
      }
      sb.append(l.ports().compact()).append('\n');
    }
    return sb.toString();
  }
}
