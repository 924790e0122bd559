package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import dev.npv.model.UnmodelledPolicy;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a verdict from resting on policies npv cannot see. A policy object of a kind npv does not model
 * ({@link Cluster#unmodelledPolicies()}; the user did not ask to ignore it) may allow or deny any
 * connection one of its pods takes part in, so every verdict about such connections is UNKNOWN: a
 * namespaced kind (CiliumNetworkPolicy, Antrea's or Calico's NetworkPolicy) selects only pods of its own
 * namespace, so it can change an invariant one of whose endpoint sets may hold a pod of that namespace;
 * a cluster-wide kind (or one npv cannot place) can change any invariant. In the closed world a namespace
 * without a known workload has no pod to select. Where it cannot tell, it assumes the policy could
 * change the verdict.
 */
final class UnmodelledPolicyGuard {
  private UnmodelledPolicyGuard() {
  }

  /** The results, each one an unmodelled policy could change made UNKNOWN (in place of its verdict). */
  static ImmutableList<CheckResult> qualify(Cluster cluster, List<Invariant> invariants, CheckResult[] results) {
    ImmutableList.Builder<CheckResult> out = ImmutableList.builder();
    for (int i = 0; i < results.length; i++) {
      CheckResult r = results[i];
      Invariant inv = invariants.get(i);
      Optional<String> doubt = r.verdict() == Verdict.UNKNOWN ? Optional.empty()
          : doubt(cluster, r.world(), inv.from(), inv.to());
      out.add(doubt.map(d -> unknown(r, d)).orElse(r));
    }
    return out.build();
  }

  /**
   * Why no verdict about connections from {@code from} to {@code to} can be trusted in {@code cluster},
   * naming the unmodelled policies that could change it; empty when none could.
   */
  static Optional<String> doubt(Cluster cluster, World world, EndpointSet from, EndpointSet to) {
    List<UnmodelledPolicy> doubtful = cluster.unmodelledPolicies().stream()
        .filter(p -> p.clusterWide() || mayHavePods(cluster, world, p.namespace().get())
            && (mayHoldPodOf(cluster, from, p.namespace().get()) || mayHoldPodOf(cluster, to, p.namespace().get())))
        .toList();
    if (doubtful.isEmpty()) {
      return Optional.empty();
    }
    String kinds = String.join(",", doubtful.stream().map(UnmodelledPolicy::ignoreKey).distinct().sorted().toList());
    return Optional.of("policies npv does not model could allow or deny these connections: "
        + doubtful.get(0) + (doubtful.size() > 1 ? " and " + (doubtful.size() - 1) + " more" : "")
        + " (give --ignore-unmodelled " + kinds + " to decide without them)");
  }

  /** The closed world holds only the known workloads: a namespace without one has no pod to select. */
  private static boolean mayHavePods(Cluster cluster, World world, String namespace) {
    return world == World.OPEN || cluster.workloads().stream().anyMatch(w -> w.namespace().equals(namespace));
  }

  /** Conservative: false only when every selector of the set excludes a pod of {@code namespace}. */
  private static boolean mayHoldPodOf(Cluster cluster, EndpointSet set, String namespace) {
    return set.any() || set.selectors().stream().anyMatch(s -> mayHoldPodOf(cluster, s, namespace));
  }

  private static boolean mayHoldPodOf(Cluster cluster, EndpointSelector s, String namespace) {
    if (s.isExternal()) {
      return false; // addresses outside the pod network, or nodes' addresses: no pod a namespaced policy selects
    }
    if (s.namespace().filter(ns -> !ns.equals(namespace)).isPresent()
        || s.workload().filter(w -> !w.namespace().equals(namespace)).isPresent()) {
      return false;
    }
    // Only a declared namespace's labels are known; an implied or absent one may carry any.
    Optional<Namespace> ns = cluster.namespace(namespace).filter(Namespace::declared);
    return s.namespaceSelector().isEmpty() || ns.isEmpty() || s.namespaceSelector().get().matches(ns.get().labels());
  }

  private static CheckResult unknown(CheckResult r, String doubt) {
    String reason = doubt + "; without them npv finds " + r.verdict();
    return r.toBuilder().verdict(Verdict.UNKNOWN).counterexample(Optional.empty()).reason(reason)
        .proofBasis(Optional.empty()).build();
  }
}
