package dev.npv.smt;

import com.google.common.base.Stopwatch;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Z3Exception;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The semantic questions of {@code npv lint}, over every pod that could exist (open world): is a rule
 * or a policy redundant, do two invariants' scopes overlap. Encodes the policies with the same
 * {@link ConnectionEncoder} as {@link SolverSession}; each question runs inside push/pop. Answers are
 * plain {@link SolverAnswer.Outcome}s: FOUND (satisfiable), NONE (unsat), UNKNOWN; after a solver fault
 * every later question is UNKNOWN too, so a later "unsat" can never call a rule redundant that is not
 * (see {@link AbstractSession}). Use with try-with-resources from one thread.
 */
public final class LintSession extends AbstractSession {
  private final Solver solver;
  private final Universe universe;
  private final ConnectionEncoder enc;
  private final InvariantEncoder inv;
  private final SymbolicConnection conn;

  public LintSession(Cluster cluster, List<Invariant> invariants, SessionOptions options) {
    super(options, "lint-query-", "");
    try {
      this.universe = new Universe(cluster, invariants);
      this.enc = new ConnectionEncoder(ctx, universe, options.semantics());
      this.inv = new InvariantEncoder(ctx, universe, enc);
      this.solver = newSolver();
      this.conn = SymbolicConnection.of(ctx, universe);
      solver.add(enc.connectionFacts(conn).toArray(new BoolExpr[0]));
      solver.add(enc.distinct(conn.src, conn.dst));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    encoded();
  }

  // ---- redundancy --------------------------------------------------------------------------

  /** Some connection that rule {@code r} of {@code p} admits, for a pod {@code p} selects. NONE: the rule admits nothing. */
  public SolverAnswer.Outcome admitsAnything(Policy p, Rule r) {
    return run(() -> List.of(enc.governed(self(r.direction())), admits(p, r)));
  }

  /**
   * Some connection that rule {@code r} of {@code p} admits for a pod {@code p} selects, that no other
   * rule of any policy selecting that pod for the direction admits (among those {@code counts} keeps).
   * NONE: the rule is redundant.
   */
  public SolverAnswer.Outcome uncoveredByOtherRules(Policy p, Rule r, BiPredicate<Policy, Rule> counts) {
    return run(() -> {
      List<BoolExpr> q = new ArrayList<>(List.of(enc.governed(self(r.direction())), admits(p, r)));
      for (Policy other : sameNamespace(p, r.direction())) {
        for (Rule o : other.rules(r.direction())) {
          if (!(other.id().equals(p.id()) && o.index() == r.index()) && counts.test(other, o)) {
            q.add(ctx.mkNot(admits(other, o)));
          }
        }
      }
      return q;
    });
  }

  /** Some pod that {@code p} selects for {@code d} and that no other policy isolates for {@code d}. */
  public SolverAnswer.Outcome isolatedOnlyBy(Policy p, Direction d, Predicate<Policy> counts) {
    return run(() -> {
      List<BoolExpr> q = new ArrayList<>(List.of(enc.governed(self(d)), enc.selects(p, self(d))));
      for (Policy other : sameNamespace(p, d)) {
        if (!other.id().equals(p.id()) && counts.test(other)) {
          q.add(ctx.mkNot(enc.selects(other, self(d))));
        }
      }
      return q;
    });
  }

  /**
   * Some connection that a rule of {@code p} for {@code d} admits, for a pod {@code p} selects, that no
   * rule of another policy selecting that pod admits.
   */
  public SolverAnswer.Outcome uncoveredByOtherPolicies(Policy p, Direction d, Predicate<Policy> counts) {
    return run(() -> {
      List<BoolExpr> mine = new ArrayList<>();
      p.rules(d).forEach(r -> mine.add(admits(p, r)));
      List<BoolExpr> q = new ArrayList<>(List.of(enc.governed(self(d)), enc.or(mine)));
      for (Policy other : sameNamespace(p, d)) {
        if (!other.id().equals(p.id()) && counts.test(other)) {
          other.rules(d).forEach(o -> q.add(ctx.mkNot(admits(other, o))));
        }
      }
      return q;
    });
  }

  /** Whether rule {@code a} of {@code p} and rule {@code b} of {@code q} (same direction) admit a common connection of a common pod. */
  public SolverAnswer.Outcome overlap(Policy p, Rule a, Policy q, Rule b) {
    return run(() -> List.of(enc.governed(self(a.direction())), admits(p, a), admits(q, b)));
  }

  /** Whether {@code p} and {@code q} both select some pod. */
  public SolverAnswer.Outcome selectCommonPod(Policy p, Policy q) {
    return run(() -> List.of(enc.governed(conn.src), enc.selects(p, conn.src), enc.selects(q, conn.src)));
  }

  /** The policies this session encodes. */
  public List<Policy> policies() {
    return universe.cluster.policies();
  }

  // ---- invariants -----------------------------------------------------------------------------

  /** Whether some endpoint of {@code world} is in {@code set} (as a source, or as a destination). */
  public SolverAnswer.Outcome inhabited(EndpointSet set, World world, boolean asSource) {
    return run(() -> {
      SymbolicEndpoint e = asSource ? conn.src : conn.dst;
      return List.of(enc.world(e, world), inv.member(set, e));
    });
  }

  /** Some connection of {@code world} in the scope of both invariants (from, to and ports). */
  public SolverAnswer.Outcome scopesOverlap(Invariant a, Invariant b, World world) {
    return run(() -> {
      List<BoolExpr> q = new ArrayList<>(world(world));
      q.add(scope(a));
      q.add(scope(b));
      return q;
    });
  }

  /** Some connection of {@code world} in the scope of {@code inner} but not of {@code outer}. */
  public SolverAnswer.Outcome scopeOutside(Invariant inner, Invariant outer, World world) {
    return run(() -> {
      List<BoolExpr> q = new ArrayList<>(world(world));
      q.add(scope(inner));
      q.add(ctx.mkNot(scope(outer)));
      return q;
    });
  }

  private List<BoolExpr> world(World world) {
    return List.of(enc.world(conn.src, world), enc.world(conn.dst, world));
  }

  private BoolExpr scope(Invariant i) {
    return ctx.mkAnd(inv.member(i.from(), conn.src), inv.member(i.to(), conn.dst), enc.ports(i.ports(), conn));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The pod whose policies decide direction {@code d}: the destination for ingress, the source for egress. */
  private SymbolicEndpoint self(Direction d) {
    return d == Direction.INGRESS ? conn.dst : conn.src;
  }

  private SymbolicEndpoint peer(Direction d) {
    return d == Direction.INGRESS ? conn.src : conn.dst;
  }

  /** {@code p} selects the deciding pod and its rule {@code r} admits the peer and port. */
  private BoolExpr admits(Policy p, Rule r) {
    Direction d = r.direction();
    return ctx.mkAnd(enc.selects(p, self(d)), enc.rule(p, r, peer(d), conn.dst, conn.protocol, conn.port));
  }

  /** The policies that could select the same pods as {@code p} for {@code d}: its namespace's. */
  private List<Policy> sameNamespace(Policy p, Direction d) {
    return universe.cluster.policies().stream().filter(o -> o.namespace().equals(p.namespace()) && o.isolates(d))
        .toList();
  }

  /**
   * FOUND, NONE or UNKNOWN (a limit, or a fault now or earlier: see {@link AbstractSession}). The query
   * is built only while the session still decides.
   */
  private SolverAnswer.Outcome run(Supplier<List<BoolExpr>> query) {
    if (!deciding()) {
      return SolverAnswer.Outcome.UNKNOWN;
    }
    try {
      return decide(solver, query.get(), Optional.<ModelReader<Void>>empty()).outcome();
    } catch (Z3Exception e) {
      return fault(e, Stopwatch.createStarted()).outcome();
    }
  }
}
