package dev.npv.verify;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.Diagnostics;
import dev.npv.load.Codes;
import dev.npv.model.Cluster;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds invariant specs to the cluster before anything is solved: a {@code workload:} reference must
 * name a workload of the manifests (an error), and a closed-world {@code namespace:} without workloads
 * makes an invariant vacuous (a warning naming the namespace).
 */
final class SpecBinding {
  private final Cluster cluster;

  SpecBinding(Cluster cluster) {
    this.cluster = cluster;
  }

  /** Every problem of the sets, located, into {@code diags}. */
  void bind(List<InvariantSet> sets, Optional<World> worldOverride, Diagnostics diags) {
    resolveReferences(sets, diags);
    warnEmptyNamespaces(sets, worldOverride, diags);
  }

  /** A {@code workload:} reference must name a workload of the manifests. */
  void resolveReferences(List<InvariantSet> sets, Diagnostics diags) {
    for (InvariantSet set : sets) {
      for (Invariant inv : set.invariants()) {
        for (EndpointSelector s : selectors(inv)) {
          s.workload().filter(w -> cluster.workload(w.namespace(), w.name()).isEmpty())
              .ifPresent(w -> diags.add(Diagnostic.error(Codes.SPEC_UNKNOWN_WORKLOAD, s.location(),
                  "invariant '" + inv.name() + "' refers to workload " + w + ", which no manifest defines")));
        }
      }
    }
  }

  /**
   * A {@code namespace:} that no workload of the manifests is in denotes no endpoint in the closed world,
   * so an invariant about it holds vacuously there: say so plainly, naming the namespace.
   */
  private void warnEmptyNamespaces(List<InvariantSet> sets, Optional<World> worldOverride, Diagnostics diags) {
    for (InvariantSet set : sets) {
      if (worldOverride.orElse(set.world()) != World.CLOSED) {
        continue;
      }
      for (Invariant inv : set.invariants()) {
        for (EndpointSelector s : selectors(inv)) {
          s.namespace().filter(ns -> cluster.workloads().stream().noneMatch(w -> w.namespace().equals(ns)))
              .ifPresent(ns -> diags.add(Diagnostic.warning(Codes.SPEC_EMPTY_NAMESPACE, s.location(),
                  "invariant '" + inv.name() + "' names namespace '" + ns + "', which "
                      + (cluster.namespace(ns).isPresent() ? "has no workloads" : "no manifest defines")
                      + ": in the closed world this endpoint set is empty, so the invariant holds vacuously")));
        }
      }
    }
  }

  private static List<EndpointSelector> selectors(Invariant inv) {
    List<EndpointSelector> out = new ArrayList<>(inv.from().selectors());
    out.addAll(inv.to().selectors());
    return out;
  }
}
