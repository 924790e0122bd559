package dev.npv.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.z3.Z3Exception;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A solver fault (injected through the sessions' check hook: Z3 throws once, on the first check) makes
 * each kind of session answer UNKNOWN for every later question, although Z3 would answer them again:
 * the state a fault leaves behind may be over-constrained, and an "unsat" read from it would be a false
 * pass (PROVEN, "redundant", "nothing opened"). Each test first shows that a healthy session decides the
 * same questions, so the UNKNOWNs come from the fault alone.
 */
class SessionFaultTest {
  static final SessionOptions OPTIONS = new SessionOptions(EvaluatorOptions.DEFAULT, 60_000, true);

  static Cluster seed() throws Exception {
    return new ClusterLoader().load(List.of("../specs/examples/seed"), LoadOptions.defaults()).cluster();
  }

  static List<Invariant> seedInvariants() throws Exception {
    List<Invariant> out = new ArrayList<>();
    new SpecReader().read(List.of(Path.of("../specs/examples/seed/invariants.yaml")))
        .forEach(s -> out.addAll(s.invariants()));
    return out;
  }

  /** Throws a Z3 fault on the first check only; counts every check. */
  static final class FaultOnce implements Runnable {
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public void run() {
      if (checks.getAndIncrement() == 0) {
        throw new Z3Exception("injected fault");
      }
    }
  }

  @Test
  void checkSession_afterAFault_answersUnknownForEveryLaterQuestion() throws Exception {
    Cluster c = seed();
    List<Invariant> invs = seedInvariants();
    Invariant first = invs.get(0);
    try (SolverSession healthy = new SolverSession(c, invs, OPTIONS)) {
      for (Invariant inv : invs) {
        for (World w : World.values()) {
          assertNotEquals(SolverAnswer.Outcome.UNKNOWN, healthy.search(inv, w, inv.expect() != Expect.ALLOW).outcome(),
              inv.name());
          assertNotEquals(SolverAnswer.Outcome.UNKNOWN, healthy.pairsInhabited(inv, w).outcome(), inv.name());
        }
      }
      assertTrue(healthy.proofBasis(first, World.OPEN).isPresent());
    }
    try (SolverSession s = new SolverSession(c, invs, OPTIONS)) {
      FaultOnce fault = new FaultOnce();
      s.beforeEachCheck(fault);
      SolverAnswer failed = s.search(first, World.OPEN, false);
      assertEquals(SolverAnswer.Outcome.UNKNOWN, failed.outcome());
      assertTrue(failed.reason().contains("injected fault"), failed.reason());
      for (Invariant inv : invs) {
        for (World w : World.values()) {
          SolverAnswer a = s.search(inv, w, inv.expect() != Expect.ALLOW);
          assertEquals(SolverAnswer.Outcome.UNKNOWN, a.outcome(), inv.name() + " " + w);
          assertTrue(a.reason().contains("earlier fault") && a.reason().contains("injected fault"), a.reason());
          assertEquals(SolverAnswer.Outcome.UNKNOWN, s.pairsInhabited(inv, w).outcome(), inv.name());
          assertEquals(SolverAnswer.Outcome.UNKNOWN, s.inhabited(inv.to(), w, false).outcome(), inv.name());
          assertFalse(s.proofBasis(inv, w).isPresent(), inv.name());
          assertEquals(SolverAnswer.Outcome.UNKNOWN, s.holdsWithOnly(inv, w, Set.of()), inv.name());
        }
        assertTrue(s.searchAmongKnown(inv, true).isEmpty(), inv.name());
      }
      assertEquals(1, fault.checks.get(), "after the fault the session asks Z3 nothing");
    }
  }

  @Test
  void lintSession_afterAFault_answersUnknownForEveryLaterQuestion() throws Exception {
    Cluster c = seed();
    List<Invariant> invs = seedInvariants();
    try (LintSession healthy = new LintSession(c, invs, OPTIONS)) {
      assertEquals(List.of(), lintQuestions(healthy, c, invs).stream()
          .filter(o -> o == SolverAnswer.Outcome.UNKNOWN).toList(), "a healthy session decides them all");
    }
    try (LintSession s = new LintSession(c, invs, OPTIONS)) {
      FaultOnce fault = new FaultOnce();
      s.beforeEachCheck(fault);
      Policy p = c.policies().get(0);
      assertEquals(SolverAnswer.Outcome.UNKNOWN, s.selectCommonPod(p, p));
      List<SolverAnswer.Outcome> later = lintQuestions(s, c, invs);
      assertFalse(later.isEmpty());
      later.forEach(o -> assertEquals(SolverAnswer.Outcome.UNKNOWN, o, later.toString()));
      assertEquals(1, fault.checks.get(), "after the fault the session asks Z3 nothing");
    }
  }

  /** Every kind of lint question, over every rule and invariant of the seed. */
  private static List<SolverAnswer.Outcome> lintQuestions(LintSession s, Cluster c, List<Invariant> invs) {
    List<SolverAnswer.Outcome> out = new ArrayList<>();
    for (Policy p : c.policies()) {
      out.add(s.selectCommonPod(p, p));
      for (Direction d : Direction.values()) {
        if (p.isolates(d)) {
          out.add(s.isolatedOnlyBy(p, d, q -> true));
          out.add(s.uncoveredByOtherPolicies(p, d, q -> true));
        }
        for (Rule r : p.rules(d)) {
          out.add(s.admitsAnything(p, r));
          out.add(s.uncoveredByOtherRules(p, r, (q, x) -> true));
          out.add(s.overlap(p, r, p, r));
        }
      }
    }
    for (Invariant a : invs) {
      out.add(s.inhabited(a.from(), World.OPEN, true));
      for (Invariant b : invs) {
        out.add(s.scopesOverlap(a, b, World.OPEN));
        out.add(s.scopeOutside(a, b, World.CLOSED));
      }
    }
    return out;
  }

  @Test
  void diffSession_afterAFault_neverReadsNothingOpened() throws Exception {
    Cluster c = seed();
    List<Invariant> invs = seedInvariants();
    try (DiffSession healthy = new DiffSession(c, c, invs, OPTIONS)) {
      for (Invariant inv : invs) {
        for (boolean opened : List.of(true, false)) {
          assertEquals(SolverAnswer.Outcome.NONE, diff(healthy, inv, opened).outcome(),
              "one version against itself changes nothing: " + inv.name());
        }
      }
    }
    try (DiffSession s = new DiffSession(c, c, invs, OPTIONS)) {
      FaultOnce fault = new FaultOnce();
      s.beforeEachCheck(fault);
      DiffAnswer failed = s.search(EndpointSet.ANY, EndpointSet.ANY, List.of(), World.OPEN, true, List.of());
      assertEquals(SolverAnswer.Outcome.UNKNOWN, failed.outcome());
      assertTrue(failed.reason().contains("injected fault"), failed.reason());
      for (Invariant inv : invs) {
        for (boolean opened : List.of(true, false)) {
          DiffAnswer a = diff(s, inv, opened);
          assertEquals(SolverAnswer.Outcome.UNKNOWN, a.outcome(), inv.name());
          assertTrue(a.base().isEmpty() && a.head().isEmpty());
        }
      }
      assertEquals(SolverAnswer.Outcome.UNKNOWN,
          s.search(EndpointSet.ANY, EndpointSet.ANY, List.of(), World.CLOSED, false, invs).outcome());
      assertEquals(1, fault.checks.get(), "after the fault the session asks Z3 nothing");
    }
  }

  private static DiffAnswer diff(DiffSession s, Invariant inv, boolean opened) {
    return s.search(inv.from(), inv.to(), inv.ports(), World.OPEN, opened, List.of());
  }

  @Test
  void interrupt_stopsEveryLaterQuestion_andIsHarmlessAfterClose() throws Exception {
    Cluster c = seed();
    List<Invariant> invs = seedInvariants();
    SolverSession s = new SolverSession(c, invs, OPTIONS);
    try (s) {
      s.interrupt();
      SolverAnswer a = s.search(invs.get(0), World.OPEN, false);
      assertEquals(SolverAnswer.Outcome.UNKNOWN, a.outcome());
      assertTrue(a.reason().contains("interrupted"), a.reason());
    }
    s.interrupt(); // after close: must not touch the deleted context
    s.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> s.search(invs.get(0), World.OPEN, false).outcome());
  }
}
