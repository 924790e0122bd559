package dev.npv.load;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.model.CalicoNetworkSet;
import dev.npv.model.CalicoPolicy;
import dev.npv.model.CalicoResources;
import dev.npv.model.CalicoTier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the Calico objects of all inputs and puts them together: every policy's tier must exist (the
 * Calico API server refuses a policy in a tier that does not; the default tier exists implicitly).
 */
final class CalicoAssembler {
  private final Diagnostics diags;
  private final Map<String, CalicoTier> tiers = new LinkedHashMap<>();
  private final List<CalicoReader.ReadPolicy> policies = new ArrayList<>();
  private final List<CalicoNetworkSet> networkSets = new ArrayList<>();

  CalicoAssembler(Diagnostics diags) {
    this.diags = diags;
  }

  void addTier(CalicoTier t) {
    tiers.put(t.name(), t);
  }

  void addPolicy(CalicoReader.ReadPolicy p) {
    policies.add(p);
  }

  void addNetworkSet(CalicoNetworkSet s) {
    networkSets.add(s);
  }

  /** The namespaces the namespaced Calico objects use, with where, for implied-namespace warnings. */
  Map<String, SourceLocation> namespacesUsed() {
    Map<String, SourceLocation> out = new LinkedHashMap<>();
    policies.forEach(p -> p.policy().namespace().ifPresent(n -> out.putIfAbsent(n, p.policy().location())));
    networkSets.forEach(s -> s.namespace().ifPresent(n -> out.putIfAbsent(n, s.location())));
    return out;
  }

  CalicoResources assemble() {
    Map<String, CalicoTier> all = new LinkedHashMap<>(tiers);
    List<CalicoPolicy> kept = new ArrayList<>();
    for (CalicoReader.ReadPolicy rp : policies) {
      String tier = rp.policy().tier();
      if (!all.containsKey(tier)) {
        if (!tier.equals(CalicoTier.DEFAULT)) {
          diags.error(Codes.CALICO_TIER_MISSING, rp.tierLocation(), rp.policy() + " is in tier '" + tier
              + "', which no Tier manifest declares (Calico refuses a policy in a tier that does not exist;"
              + " add the Tier to the input)");
          continue;
        }
        all.put(tier, CalicoTier.implicitDefault());
      }
      kept.add(rp.policy());
    }
    return new CalicoResources(ImmutableList.copyOf(all.values()),
        ImmutableList.copyOf(kept), ImmutableList.copyOf(
            networkSets));
  }
}
