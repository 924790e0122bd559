package dev.npv.connectivity;

import dev.npv.model.Workload;
import java.util.Optional;

/**
 * One end of a reported connection: a workload ({@code ns/name} and its kind; {@code ns/name [group]}
 * for one group of a controller whose pods differ, see {@link Workload#group()}) or a range of
 * external addresses (kind {@code External}). {@code workload} is the workload's {@code ns/name}
 * without the group. Workloads sort before addresses; addresses by value.
 */
public record ConnectivityNode(String name, String kind, Optional<AddressRange> addresses, Optional<String> workload)
    implements Comparable<ConnectivityNode> {
  public static final String EXTERNAL = "External";

  public ConnectivityNode(String name, String kind, Optional<AddressRange> addresses) {
    this(name, kind, addresses, addresses.isPresent() ? Optional.empty() : Optional.of(name));
  }

  public static ConnectivityNode of(Workload w) {
    return new ConnectivityNode(w.displayName(), w.kind().name(), Optional.empty(), Optional.of(w.id()));
  }

  /** Both ends are pods of one workload (the same group or two groups of it): replica to replica. */
  public static boolean sameWorkload(ConnectivityNode a, ConnectivityNode b) {
    return a.workload.isPresent() && a.workload.equals(b.workload) && a.kind.equals(b.kind);
  }

  public static ConnectivityNode of(AddressRange range) {
    return new ConnectivityNode(range.toString(), EXTERNAL, Optional.of(range));
  }

  public boolean external() {
    return addresses.isPresent();
  }

  /** {@code ns/name (Kind)}, as the text format shows it. */
  public String label() {
    return name + " (" + kind + ")";
  }

  @Override
  public int compareTo(ConnectivityNode o) {
    if (external() != o.external()) {
      return external() ? 1 : -1;
    }
    if (external()) {
      return addresses.get().compareTo(o.addresses.get());
    }
    int c = name.compareTo(o.name);
    return c != 0 ? c : kind.compareTo(o.kind);
  }
}
