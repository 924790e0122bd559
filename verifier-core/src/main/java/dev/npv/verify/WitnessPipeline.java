package dev.npv.verify;

import dev.npv.eval.ConnectionDecision;
import dev.npv.smt.SolverAnswer;
import dev.npv.smt.SolverSession;
import dev.npv.smt.Witness;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From the solver's witness to the counterexample a report shows, in fixed steps: confirm (the
 * reference evaluator must agree, else it is a bug, never a result) → familiar (the open world's new
 * pod replaced by a known workload where one fits) → known pair (for an allowSome example, a pair of
 * existing workloads where one exists) → canonical (first protocol, lowest port, first address piece).
 * Each replacement is decided by the evaluator before it is taken.
 */
final class WitnessPipeline {
  /** The counterexample and what the report should say about it. */
  record Presented(Counterexample counterexample, List<String> warnings) {
  }

  private final Verifier.Oracle oracle;
  private final FamiliarWitness familiar;
  private final CanonicalWitness canonical;
  private final Counterexamples counterexamples;

  WitnessPipeline(Verifier.Oracle oracle, FamiliarWitness familiar, CanonicalWitness canonical,
                  Counterexamples counterexamples) {
    this.oracle = oracle;
    this.familiar = familiar;
    this.canonical = canonical;
    this.counterexamples = counterexamples;
  }

  /** {@code found} answers the search for a connection that is allowed iff {@code searchAllowed}. */
  Presented present(SolverSession session, Invariant inv, World world, Witness found, boolean searchAllowed) {
    confirm(inv, found, searchAllowed);
    Witness w = world == World.OPEN ? familiar.familiarize(inv, found, searchAllowed) : found;
    if (world == World.OPEN && inv.expect() == Expect.ALLOW_SOME && involvesNewPod(w)) {
      // An example of allowed traffic is most telling between existing workloads: no single one stood
      // in, perhaps a pair does (a closed-world search; for violations a new pod is a fine
      // counterexample, and the extra query would cost every one of them).
      Optional<Witness> known = session.searchAmongKnown(inv, searchAllowed).flatMap(SolverAnswer::witness);
      if (known.isPresent()) {
        confirm(inv, known.get(), searchAllowed);
        w = known.get();
      }
    }
    w = canonical.canonical(inv, w, searchAllowed, world);
    // The reported witness itself, whatever the steps above replaced, is the evaluator's to confirm.
    ConnectionDecision d = confirm(inv, w, searchAllowed);
    List<String> warnings = new ArrayList<>();
    if (inv.expect() == Expect.ALLOW_SOME && involvesNewPod(w)) {
      warnings.add("the example connection involves a pod that does not exist yet; use --world closed to"
          + " require existing workloads");
    }
    // An address the manifests do not give is shown only if the verdict depends on it, and said so.
    return new Presented(counterexamples.of(w, d, canonical.addressMatters(inv, w, searchAllowed, world, true),
        canonical.addressMatters(inv, w, searchAllowed, world, false)), warnings);
  }

  private static boolean involvesNewPod(Witness w) {
    return w.source().hypothetical() || w.destination().hypothetical();
  }

  /** Re-checks a witness with the reference evaluator; any disagreement is a bug, never a result. */
  private ConnectionDecision confirm(Invariant inv, Witness w, boolean expectAllowed) {
    ConnectionDecision d = oracle.decide(w.connection());
    if (d.allowed() != expectAllowed || !SpecMatcher.covers(inv, w)) {
      throw new InternalVerificationError("encoder and reference evaluator disagree on invariant '"
          + inv.name() + "': solver witness " + w.connection() + " is "
          + (expectAllowed ? "allowed" : "denied") + " symbolically but the evaluator says "
          + (d.allowed() ? "allowed" : "denied")
          + (SpecMatcher.covers(inv, w) ? "" : " (and the witness is outside the invariant's scope)"));
    }
    return d;
  }
}
