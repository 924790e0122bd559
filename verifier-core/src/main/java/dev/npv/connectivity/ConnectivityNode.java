package dev.npv.connectivity;

import dev.npv.model.Workload;
import java.util.Optional;

/**
 * One end of a reported connection: a workload ({@code ns/name} and its kind) or a range of
 * external addresses (kind {@code External}). Workloads sort before addresses; addresses by value.
 */
public record ConnectivityNode(String name, String kind, Optional<AddressRange> addresses)
    implements Comparable<ConnectivityNode> {
  public static final String EXTERNAL = "External";

  public static ConnectivityNode of(Workload w) {
    return new ConnectivityNode(w.id(), w.kind().name(), Optional.empty());
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
