package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.Optional;

/**
 * A Calico rule's {@code source} or {@code destination} ({@code EntityRule}). Every criterion given must
 * hold (they are ANDed); an absent one does not restrict. {@code nets} match if the address is in any of
 * them, {@code notNets} if it is in none; {@code selector} matches Calico endpoints (pods, network sets)
 * by labels, {@code notSelector} matches everything that is not such an endpoint with matching labels.
 * {@code namespaceSelector} limits {@code selector} to endpoints in matching namespaces ({@code global()}:
 * to non-namespaced ones). {@code serviceAccountNames} (ORed) and {@code serviceAccountSelector} are ANDed.
 * {@code service} ({@code services: {name, namespace}}) is read but not modelled at L3/L4 here.
 */
public record CalicoEntityRule(ImmutableList<Cidr> nets, ImmutableList<Cidr> notNets,
                               Optional<CalicoSelector> selector, Optional<CalicoSelector> notSelector,
                               Optional<CalicoSelector> namespaceSelector,
                               ImmutableSortedSet<String> serviceAccountNames,
                               Optional<CalicoSelector> serviceAccountSelector,
                               Optional<ServiceRef> service,
                               ImmutableList<CalicoPort> ports, ImmutableList<CalicoPort> notPorts) {
  public static final CalicoEntityRule ANY = new CalicoEntityRule(ImmutableList.of(), ImmutableList.of(),
      Optional.empty(), Optional.empty(), Optional.empty(), ImmutableSortedSet.of(), Optional.empty(),
      Optional.empty(), ImmutableList.of(), ImmutableList.of());

  /** {@code services: {name, namespace}}; an empty namespace means the policy's own. */
  public record ServiceRef(String name, String namespace) {
  }

  public CalicoEntityRule {
    nets = ImmutableList.copyOf(nets);
    notNets = ImmutableList.copyOf(notNets);
    serviceAccountNames = ImmutableSortedSet.copyOf(serviceAccountNames);
    ports = ImmutableList.copyOf(ports);
    notPorts = ImmutableList.copyOf(notPorts);
  }

  /** True when no criterion restricts the entity. */
  public boolean isAny() {
    return equals(ANY);
  }
}
