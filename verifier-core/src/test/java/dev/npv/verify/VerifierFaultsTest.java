package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.eval.SideDecision;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.PolicyId;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Soundness guards of the verifier: a fault is UNKNOWN or an internal error, never a verdict. */
class VerifierFaultsTest {
  private static final VerifyOptions OPTIONS = new VerifyOptions(Optional.empty(), SessionOptions.DEFAULT);

  static Cluster cluster() throws Exception {
    return new ClusterLoader().load(List.of("../specs/examples/seed"), LoadOptions.defaults()).cluster();
  }

  static List<InvariantSet> specs() throws Exception {
    return new SpecReader().read(List.of(Path.of("../specs/examples/seed/invariants.yaml")));
  }

  /** The encoder/evaluator disagreement path: the oracle contradicts every witness; verify must not answer. */
  @Test
  void evaluatorDisagreement_isAnInternalError_neverAVerdict() throws Exception {
    Cluster c = cluster();
    ReferenceEvaluator real = new ReferenceEvaluator(c, OPTIONS.session().semantics());
    Verifier.Oracle liar = conn -> {
      ConnectionDecision d = real.decide(conn);
      SideDecision open = new SideDecision(Direction.INGRESS, true, ImmutableList.of(), ImmutableList.of());
      SideDecision closed = new SideDecision(Direction.INGRESS, true, ImmutableList.of(new PolicyId("x", "lie")),
          ImmutableList.of());
      return new ConnectionDecision(conn, open, d.allowed() ? closed : open);
    };
    InternalVerificationError e = assertThrows(InternalVerificationError.class,
        () -> new Verifier(c, OPTIONS, liar).verify(specs()));
    assertTrue(e.getMessage().contains("encoder and reference evaluator disagree"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  /** Ctrl-C before or during the run: whatever is left answers UNKNOWN, never PROVEN. */
  @Test
  void interrupt_leavesOnlyUnknownForWhatWasNotDecided() throws Exception {
    Verifier v = new Verifier(cluster(), OPTIONS);
    v.interrupt();
    VerificationReport r = v.verify(specs());
    assertEquals(6, r.results().size());
    for (CheckResult x : r.results()) {
      assertEquals(Verdict.UNKNOWN, x.verdict(), x.name());
      assertTrue(x.reason().contains("interrupted"), x.reason());
    }
  }

  @Test
  void interruptFromAnotherThread_neverChangesADecidedVerdict() throws Exception {
    Cluster c = cluster();
    List<InvariantSet> specs = specs();
    List<Verdict> full = verdicts(new Verifier(c, OPTIONS).verify(specs));
    for (long delayMillis : new long[] {0, 1, 2, 5, 10, 20, 40, 80, 160}) {
      Verifier v = new Verifier(c, OPTIONS);
      CompletableFuture<VerificationReport> run = CompletableFuture.supplyAsync(() -> {
        try {
          return v.verify(specs);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(delayMillis);
      v.interrupt();
      List<Verdict> got = verdicts(run.get());
      for (int i = 0; i < full.size(); i++) {
        assertTrue(got.get(i) == Verdict.UNKNOWN || got.get(i) == full.get(i), "invariant " + i + ": " + got);
      }
    }
  }

  /** Two verifiers (two Z3 contexts) on two threads answer exactly as one after the other does. */
  @Test
  void twoVerifiersOnTwoThreads_matchTheSequentialRun() throws Exception {
    Cluster c = cluster();
    List<InvariantSet> specs = specs();
    VerificationReport sequential = new Verifier(c, OPTIONS).verify(specs).withoutTimings();
    CompletableFuture<VerificationReport> a = CompletableFuture.supplyAsync(() -> run(c, specs));
    CompletableFuture<VerificationReport> b = CompletableFuture.supplyAsync(() -> run(c, specs));
    assertEquals(sequential, a.get());
    assertEquals(sequential, b.get());
  }

  private static VerificationReport run(Cluster c, List<InvariantSet> specs) {
    try {
      return new Verifier(c, OPTIONS).verify(specs).withoutTimings();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Verdict> verdicts(VerificationReport r) {
    return r.results().stream().map(CheckResult::verdict).toList();
  }
}
