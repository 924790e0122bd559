package dev.npv.bench;

import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.npv.connectivity.AddressRange;
import dev.npv.connectivity.AddressSpace;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Isolation;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.smt.Witness;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.Verdict;
import dev.npv.verify.AddressBlocks;
import dev.npv.verify.SpecMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The baseline the solver is compared with: a closed-world invariant decided by enumeration through
 * the reference evaluator. Every known workload's endpoint, plus one address per piece of the address
 * space cut at every ipBlock boundary of the policies and the invariants (inside a piece every block
 * contains all addresses or none, so one address decides it), is a candidate end; every pair of
 * distinct ends in the invariant's {@code from} and {@code to} is evaluated for all ports at once
 * ({@link ReferenceEvaluator#allowedPorts}). Like the solver it stops at the first pair that decides
 * the invariant.
 */
final class Enumerator {
  /** A candidate end: its endpoint, isolation and provenance (for workload references). */
  private record End(Endpoint endpoint, Isolation isolation, Witness.EndProvenance provenance, String barePod) {
    boolean external() {
      return provenance.external();
    }
  }

  /** The enumeration's verdict (in the solver's sense), how many pairs it evaluated, and its time. */
  record Outcome(Verdict verdict, long pairs, double millis) {
  }

  private final ReferenceEvaluator evaluator;
  private final List<End> ends = new ArrayList<>();

  /** Precomputes every end's isolation (the setup, timed by the caller). */
  Enumerator(Cluster cluster, List<Invariant> invariants) {
    this.evaluator = new ReferenceEvaluator(cluster, EvaluatorOptions.DEFAULT);
    for (Workload w : cluster.workloads()) {
      Witness.EndProvenance p = new Witness.EndProvenance(Optional.of(w.id()), false, false);
      for (Endpoint e : Endpoints.of(cluster, w)) {
        ends.add(new End(e, evaluator.isolation(e), p, w.kind() == WorkloadKind.Pod ? w.id() : null));
      }
    }
    Set<Cidr> blocks = AddressBlocks.of(cluster, invariants);
    Witness.EndProvenance external = new Witness.EndProvenance(Optional.empty(), false, true);
    for (boolean v6 : new boolean[] {false, true}) {
      for (AddressRange r : AddressSpace.pieces(v6, blocks)) {
        ends.add(new End(new Endpoint.External(r.firstAddress()), Isolation.NONE, external, null));
      }
    }
  }



  int ends() {
    return ends.size();
  }

  /** Decides {@code inv} in the closed world by enumeration. */
  Outcome decide(Invariant inv) {
    long t = System.nanoTime();
    List<End> from = ends.stream().filter(e -> SpecMatcher.member(inv.from(), e.endpoint(), e.provenance())).toList();
    List<End> to = ends.stream().filter(e -> SpecMatcher.member(inv.to(), e.endpoint(), e.provenance())).toList();
    long pairs = 0;
    // deny and allow hold until a pair breaks them; allowSome holds once a pair shows it.
    boolean holds = inv.expect() != Expect.ALLOW_SOME;
    search:
    for (End src : from) {
      for (End dst : to) {
        if (src.external() && dst.external() || src.barePod() != null && src.barePod().equals(dst.barePod())) {
          continue; // not a pair of distinct endpoints
        }
        pairs++;
        if (decides(inv, src, dst)) {
          holds = !holds;
          break search;
        }
      }
    }
    return new Outcome(holds ? Verdict.PROVEN : Verdict.VIOLATED, pairs, (System.nanoTime() - t) / 1e6);
  }

  /** Whether this pair breaks a deny or allow invariant, or proves an allowSome one. */
  private boolean decides(Invariant inv, End src, End dst) {
    Map<Protocol, RangeSet<Integer>> allowed = evaluator.allowedPorts(src.endpoint(), src.isolation(),
        dst.endpoint(), dst.isolation());
    for (Protocol protocol : Protocol.values()) {
      RangeSet<Integer> asked = ReferenceEvaluator.portEntries(inv.ports(), dst.endpoint(), protocol);
      RangeSet<Integer> x = TreeRangeSet.create(asked);
      if (inv.expect() == Expect.ALLOW) {
        x.removeAll(allowed.get(protocol)); // asked but not allowed
      } else {
        x.removeAll(allowed.get(protocol).complement()); // asked and allowed
      }
      if (!x.isEmpty()) {
        return true;
      }
    }
    return false;
  }


}
