package dev.npv.connectivity;

/** What {@code src} may open towards {@code dst}: never empty in a report. */
public record ConnectivityLink(ConnectivityNode src, ConnectivityNode dst, PortSet ports)
    implements Comparable<ConnectivityLink> {
  /** Between pods of one workload (two replicas, maybe of two groups), not between two workloads. */
  public boolean betweenReplicas() {
    return ConnectivityNode.sameWorkload(src, dst);
  }

  @Override
  public int compareTo(ConnectivityLink o) {
    int c = src.compareTo(o.src);
    return c != 0 ? c : dst.compareTo(o.dst);
  }
}
