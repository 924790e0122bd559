package dev.npv.model;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import java.util.Comparator;
import java.util.Optional;

/**
 * The Calico objects of a cluster: tiers (in evaluation order; the default tier included whenever a
 * policy uses it), policies (by tier order, then order within the tier, then name) and network sets.
 * Loaded and validated; see README for which evaluator models what.
 */
public record CalicoResources(ImmutableList<CalicoTier> tiers, ImmutableList<CalicoPolicy> policies,
                              ImmutableList<CalicoNetworkSet> networkSets) {
  public static final CalicoResources EMPTY = new CalicoResources(ImmutableList.of(), ImmutableList.of(),
      ImmutableList.of());

  public CalicoResources {
    tiers = ImmutableList.sortedCopyOf(CalicoTier.ORDER, tiers);
    ImmutableList<CalicoTier> ordered = tiers;
    policies = ImmutableList.sortedCopyOf(Comparator
        .comparingInt((CalicoPolicy p) -> indexOf(ordered, p.tier())).thenComparing(CalicoPolicy.ORDER), policies);
    networkSets = ImmutableList.sortedCopyOf(Comparator.comparing(CalicoNetworkSet::toString),
        networkSets);
    for (CalicoPolicy p : policies) {
      Preconditions.checkArgument(indexOf(ordered, p.tier()) >= 0,
          "policy %s is in tier %s, which is not among the tiers", p, p.tier());
    }
  }

  public boolean isEmpty() {
    return policies.isEmpty() && networkSets.isEmpty() && tiers.isEmpty();
  }

  public Optional<CalicoTier> tier(String name) {
    return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The policies of one tier, in evaluation order. */
  public ImmutableList<CalicoPolicy> policies(CalicoTier tier) {
    return policies.stream().filter(p -> p.tier().equals(tier.name())).collect(ImmutableList.toImmutableList());
  }

  private static int indexOf(ImmutableList<CalicoTier> tiers, String name) {
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
