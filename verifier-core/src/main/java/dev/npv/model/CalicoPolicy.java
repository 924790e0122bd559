package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.SourceLocation;
import java.util.Comparator;
import java.util.Optional;

/**
 * A Calico {@code NetworkPolicy} (namespaced: {@code namespace} present) or {@code GlobalNetworkPolicy}
 * (projectcalico.org/v3, or the crd.projectcalico.org/v1 shape of a cluster export), defaulted as the
 * API does: {@code tier} "default" when omitted, {@code types} from the rules present when omitted
 * ([Ingress] if there are no egress rules, [Egress] if there are egress but no ingress rules, else both).
 * Within a tier, policies apply by {@code order} (omitted: last) then name.
 *
 * <p>{@code namespaceSelector} exists only on GlobalNetworkPolicy; {@code doNotTrack}, {@code preDNAT}
 * and {@code applyOnForward} concern host endpoints, which npv does not model.
 */
public record CalicoPolicy(Optional<String> namespace, String name, String tier, Optional<Double> order,
                           CalicoSelector selector, Optional<CalicoSelector> namespaceSelector,
                           Optional<CalicoSelector> serviceAccountSelector, ImmutableSet<Direction> types,
                           ImmutableList<CalicoRule> ingress, ImmutableList<CalicoRule> egress,
                           boolean hostEndpointOptions, SourceLocation location) {
  /** Within one tier: order (omitted last), then name. */
  public static final Comparator<CalicoPolicy> ORDER = Comparator
      .comparing((CalicoPolicy p) -> p.order().orElse(Double.POSITIVE_INFINITY))
      .thenComparing(CalicoPolicy::name).thenComparing(p -> p.namespace().orElse(""));

  public CalicoPolicy {
    ingress = ImmutableList.copyOf(ingress);
    egress = ImmutableList.copyOf(egress);
    types = ImmutableSet.copyOf(types);
  }

  public boolean global() {
    return namespace.isEmpty();
  }

  public ImmutableList<CalicoRule> rules(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }

  @Override
  public String toString() {
    return (global() ? "GlobalNetworkPolicy " : "NetworkPolicy " + namespace.get() + "/") + name
        + " (projectcalico.org/v3)";
  }
}
