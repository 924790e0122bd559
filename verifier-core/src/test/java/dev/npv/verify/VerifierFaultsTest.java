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
import dev.npv.smt.SessionSeams;
import dev.npv.smt.SolverSession;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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

  /**
   * An interrupt from another thread, landing just before or just after the k-th solver check of a run
   * (after: before its model is read), for every k: the searches', the witness minimiser's, the
   * known-pair search's, the vacuity and the proof-basis checks. What was decided before it keeps its
   * verdict and counterexample, the invariant being checked keeps its verdict or is UNKNOWN, every later
   * one is UNKNOWN; never an internal error or another verdict; and the solver is asked nothing after
   * the interrupt. Deterministic: the interrupt waits for a check, never for a clock.
   */
  @Test
  void interruptFromAnotherThread_atAnySolverCheck_neverChangesADecidedVerdict() throws Exception {
    Cluster c = cluster();
    List<InvariantSet> specs = specs();
    ExecutorService interrupter = Executors.newSingleThreadExecutor();
    try {
      for (VerifyOptions options : List.of(OPTIONS, new VerifyOptions(Optional.empty(), SessionOptions.DEFAULT, true))) {
        AtomicInteger allChecks = new AtomicInteger();
        List<CheckResult> full = new Verifier(c, options, oracle(c, options),
            session -> SessionSeams.beforeEachCheck(session, allChecks::incrementAndGet)).verify(specs).results();
        assertTrue(allChecks.get() > full.size(), "every invariant asks the solver: " + allChecks.get());
        for (int k = 1; k <= allChecks.get(); k++) {
          interruptAtCheck(k, false, c, specs, options, full, interrupter);
          interruptAtCheck(k, true, c, specs, options, full, interrupter);
        }
      }
    } finally {
      interrupter.shutdownNow();
    }
  }

  /** Interrupts just before the k-th check, or just after it (before its model or status is read). */
  private static void interruptAtCheck(int k, boolean justAfter, Cluster c, List<InvariantSet> specs,
                                       VerifyOptions options, List<CheckResult> full, ExecutorService interrupter)
      throws Exception {
    AtomicReference<Verifier> verifier = new AtomicReference<>();
    AtomicInteger checks = new AtomicInteger();
    AtomicInteger checking = new AtomicInteger(-1);
    AtomicInteger checkingAtInterrupt = new AtomicInteger(-1);
    Runnable counter = checks::incrementAndGet;
    Runnable hook = () -> {
      if (checks.get() == k && checkingAtInterrupt.compareAndSet(-1, checking.get())) {
        try {
          interrupter.submit(() -> verifier.get().interrupt()).get(); // returns once the interrupt is done
        } catch (InterruptedException | ExecutionException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    Consumer<SolverSession> seams = session -> {
      SessionSeams.beforeEachCheck(session, justAfter ? counter : () -> {
        counter.run();
        hook.run();
      });
      if (justAfter) {
        SessionSeams.afterEachCheck(session, hook);
      }
    };
    verifier.set(new Verifier(c, options, oracle(c, options), seams)
        .onProgress((done, total, name) -> checking.set(done)));
    List<CheckResult> got = verifier.get().verify(specs).results();
    String at = "interrupt " + (justAfter ? "just after" : "just before") + " check " + k
        + " (while checking invariant " + checkingAtInterrupt.get() + ")";
    assertEquals(full.size(), got.size(), at);
    for (int i = 0; i < full.size(); i++) {
      CheckResult g = got.get(i);
      String what = at + ", invariant " + i + " " + g.name() + ": " + g.verdict() + " " + g.reason();
      if (i < checkingAtInterrupt.get()) {
        assertEquals(full.get(i).verdict(), g.verdict(), what);
        assertEquals(full.get(i).counterexample(), g.counterexample(), what);
      } else if (i == checkingAtInterrupt.get()) {
        assertTrue(g.verdict() == Verdict.UNKNOWN || g.verdict() == full.get(i).verdict(), what);
      } else {
        assertEquals(Verdict.UNKNOWN, g.verdict(), what);
        assertTrue(g.reason().contains("interrupted"), what);
      }
    }
    assertEquals(k, checks.get(), at + ": no solver check after the interrupt");
  }

  private static Verifier.Oracle oracle(Cluster c, VerifyOptions options) {
    return new ReferenceEvaluator(c, options.session().semantics())::decide;
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
