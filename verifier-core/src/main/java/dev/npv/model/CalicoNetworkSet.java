package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * A Calico {@code NetworkSet} (namespaced) or {@code GlobalNetworkSet} (namespace empty): labelled CIDRs
 * that rule selectors match like endpoints. A namespaced set is matched by selectors of policies in its
 * namespace or by a rule {@code namespaceSelector} selecting its namespace; a global set only by
 * GlobalNetworkPolicy selectors or a {@code global()} namespaceSelector.
 */
public record CalicoNetworkSet(Optional<String> namespace, String name, ImmutableSortedMap<String, String> labels,
                               ImmutableList<Cidr> nets, SourceLocation location) {
  public boolean global() {
    return namespace.isEmpty();
  }

  @Override
  public String toString() {
    return (global() ? "GlobalNetworkSet " : "NetworkSet " + namespace.get() + "/") + name;
  }
}
