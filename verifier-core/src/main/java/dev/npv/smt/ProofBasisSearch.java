package dev.npv.smt;

import com.google.common.base.Stopwatch;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Status;
import com.microsoft.z3.Z3Exception;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policies and rules a check's proof rests on (check --explain): the breaking-connection query
 * over an encoding in which every policy and rule is switched by a literal ({@link ProofTracker}), asked
 * under assumptions, its unsat core shrunk by deletion. Asks through its session, so a fault stops the
 * session as any other question's does. The tracked encoders are made on first use.
 */
final class ProofBasisSearch {
  private final AbstractSession session;
  private final Context ctx;
  private final Universe universe;
  private final EvaluatorOptions semantics;
  private final SymbolicConnection conn;
  private final NamespaceSlices slices;
  private final QueryRouter router;
  private final InvariantScope scope;
  private ProofTracker tracker;
  private ConnectionEncoder trackedEnc;
  private ConnectionEncoder trackedOpenEnc;

  ProofBasisSearch(AbstractSession session, Universe universe, EvaluatorOptions semantics, SymbolicConnection conn,
                   NamespaceSlices slices, QueryRouter router, InvariantScope scope) {
    this.session = session;
    this.ctx = session.ctx;
    this.universe = universe;
    this.semantics = semantics;
    this.conn = conn;
    this.slices = slices;
    this.router = router;
    this.scope = scope;
  }

  /**
   * For a deny or allow invariant that holds, a minimal set of members ({@code ns/name},
   * {@code ns/name ingress rule 0}) such that the invariant holds whenever they exist, whatever the
   * other policies and rules; dropping any one of them breaks it. Empty when the invariant does not
   * hold (or is undecided); an empty list means no policy is needed.
   */
  Optional<List<String>> basis(Invariant invariant, World world) {
    if (invariant.expect() == Expect.ALLOW_SOME || !session.deciding()) {
      return Optional.empty();
    }
    try {
      List<BoolExpr> query = trackedQuery(invariant, world);
      return session.ask(router.solver(world), query, s -> {
        Map<String, BoolExpr> lits = tracker.literals();
        List<String> core = unsatCore(s, lits, new ArrayList<>(lits.keySet()));
        if (core == null) {
          return Optional.<List<String>>empty();
        }
        // Deletion-based minimization: a member stays only if the proof fails without it.
        for (String m : List.copyOf(core)) {
          List<String> without = new ArrayList<>(core);
          without.remove(m);
          List<String> smaller = unsatCore(s, lits, without);
          if (smaller != null) {
            core = smaller;
          }
        }
        return Optional.of(core.stream().sorted().toList());
      }).flatMap(b -> b);
    } catch (Z3Exception e) {
      session.fault(e, Stopwatch.createStarted());
      return Optional.empty();
    }
  }

  /**
   * Whether the invariant holds when exactly {@code members} are required to exist and every other
   * policy and rule may or may not: NONE (holds), FOUND (breaks) or UNKNOWN. Used to check proof bases.
   */
  SolverAnswer.Outcome holdsWithOnly(Invariant invariant, World world, Set<String> members) {
    if (!session.deciding()) {
      return SolverAnswer.Outcome.UNKNOWN;
    }
    List<BoolExpr> query = trackedQuery(invariant, world);
    return session.ask(router.solver(world), query, s -> {
      Map<String, BoolExpr> lits = tracker.literals();
      Status st = s.check(members.stream().filter(lits::containsKey).map(lits::get).toArray(BoolExpr[]::new));
      return st == Status.UNSATISFIABLE ? SolverAnswer.Outcome.NONE
          : st == Status.SATISFIABLE ? SolverAnswer.Outcome.FOUND : SolverAnswer.Outcome.UNKNOWN;
    }).orElse(SolverAnswer.Outcome.UNKNOWN);
  }

  /** The query for a breaking connection, over the tracked encoding of the invariant's slice. */
  private List<BoolExpr> trackedQuery(Invariant invariant, World world) {
    if (tracker == null) {
      tracker = new ProofTracker(ctx);
      trackedEnc = new ConnectionEncoder(ctx, universe, semantics, tracker);
      trackedOpenEnc = new ConnectionEncoder(ctx, universe, semantics, tracker, QueryRouter.openWorld(universe));
    }
    ConnectionEncoder tracked = world == World.OPEN ? trackedOpenEnc : trackedEnc;
    BoolExpr allowed = tracked.allowed(conn, slices.of(invariant.from()), slices.of(invariant.to()));
    List<BoolExpr> query = new ArrayList<>(scope.of(invariant, world, router.enc(world)));
    query.add(invariant.expect() == Expect.ALLOW ? ctx.mkNot(allowed) : allowed);
    return query;
  }

  /** The named members of an unsat core under these assumptions, or null if not unsat. */
  private static List<String> unsatCore(AbstractSession.Scope s, Map<String, BoolExpr> lits, List<String> assumed) {
    Status st = s.check(assumed.stream().map(lits::get).toArray(BoolExpr[]::new));
    if (st != Status.UNSATISFIABLE) {
      return null;
    }
    Set<String> inCore = Arrays.stream(s.solver().getUnsatCore()).map(Object::toString).collect(Collectors.toSet());
    return assumed.stream().filter(n -> inCore.contains(lits.get(n).toString()))
        .collect(Collectors.toCollection(ArrayList::new));
  }
}
