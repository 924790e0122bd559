package dev.npv.connectivity;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * The allowed connections of a cluster, sorted by source, then destination (workloads by
 * {@code ns/name} and kind, before external ranges, which sort by address, IPv4 first). {@code focus} is the {@code ns/name} the
 * analysis was restricted to, if any.
 */
public record ConnectivityReport(ImmutableList<ConnectivityLink> links, Optional<String> focus) {
  public static final String SCHEMA_VERSION = "npv.dev/connectivity/v1";

  public ConnectivityReport {
    links = ImmutableList.sortedCopyOf(links);
  }
}
