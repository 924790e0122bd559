package dev.npv.smt;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The semantic questions of {@code npv lint}, over every pod that could exist (open world): is a rule
 * or a policy redundant, do two invariants' scopes overlap. Encodes the policies with the same
 * {@link ConnectionEncoder} as {@link SolverSession}; each question runs inside push/pop. Answers are
 * plain {@link SolverAnswer.Outcome}s: FOUND (satisfiable), NONE (unsat), UNKNOWN. Owns native
 * memory: use with try-with-resources from one thread.
 */
public final class LintSession implements AutoCloseable {
  private final Context ctx;
  private final Solver solver;
  private final Universe universe;
  private final ConnectionEncoder enc;
  private final InvariantEncoder inv;
  private final SymbolicEndpoint src;
  private final SymbolicEndpoint dst;
  private final IntExpr protocol;
  private final BitVecExpr port;
  private final SessionOptions options;
  private int queries;
  /** Set by a solver fault: from then on every question is undecided. */
  private boolean broken;

  public LintSession(Cluster cluster, List<Invariant> invariants, SessionOptions options) {
    this.ctx = new Context();
    this.options = options;
    try {
      this.universe = new Universe(cluster, invariants);
      this.enc = new ConnectionEncoder(ctx, universe, options.semantics());
      this.inv = new InvariantEncoder(ctx, universe, enc);
      this.solver = SolverParameters.newSolver(ctx, options);
      this.src = new SymbolicEndpoint(ctx, "src", universe);
      this.dst = new SymbolicEndpoint(ctx, "dst", universe);
      this.protocol = ctx.mkIntConst("conn.protocol");
      this.port = ctx.mkBVConst("conn.port", 16);
      solver.add(enc.connectionFacts(src, dst, protocol, port).toArray(new BoolExpr[0]));
      solver.add(enc.distinct(src, dst));
    } catch (RuntimeException e) {
      ctx.close();
      throw e;
    }
  }

  // ---- redundancy --------------------------------------------------------------------------

  /** Some connection that rule {@code r} of {@code p} admits, for a pod {@code p} selects. NONE: the rule admits nothing. */
  public SolverAnswer.Outcome admitsAnything(Policy p, Rule r) {
    return run(List.of(enc.governed(self(r.direction())), admits(p, r)));
  }

  /**
   * Some connection that rule {@code r} of {@code p} admits for a pod {@code p} selects, that no other
   * rule of any policy selecting that pod for the direction admits (among those {@code counts} keeps).
   * NONE: the rule is redundant.
   */
  public SolverAnswer.Outcome uncoveredByOtherRules(Policy p, Rule r, BiPredicate<Policy, Rule> counts) {
    List<BoolExpr> q = new ArrayList<>(List.of(enc.governed(self(r.direction())), admits(p, r)));
    for (Policy other : sameNamespace(p, r.direction())) {
      for (Rule o : other.rules(r.direction())) {
        if (!(other.id().equals(p.id()) && o.index() == r.index()) && counts.test(other, o)) {
          q.add(ctx.mkNot(admits(other, o)));
        }
      }
    }
    return run(q);
  }

  /** Some pod that {@code p} selects for {@code d} and that no other policy isolates for {@code d}. */
  public SolverAnswer.Outcome isolatedOnlyBy(Policy p, Direction d, Predicate<Policy> counts) {
    List<BoolExpr> q = new ArrayList<>(List.of(enc.governed(self(d)), enc.selects(p, self(d))));
    for (Policy other : sameNamespace(p, d)) {
      if (!other.id().equals(p.id()) && counts.test(other)) {
        q.add(ctx.mkNot(enc.selects(other, self(d))));
      }
    }
    return run(q);
  }

  /**
   * Some connection that a rule of {@code p} for {@code d} admits, for a pod {@code p} selects, that no
   * rule of another policy selecting that pod admits.
   */
  public SolverAnswer.Outcome uncoveredByOtherPolicies(Policy p, Direction d, Predicate<Policy> counts) {
    List<BoolExpr> mine = new ArrayList<>();
    p.rules(d).forEach(r -> mine.add(admits(p, r)));
    List<BoolExpr> q = new ArrayList<>(List.of(enc.governed(self(d)), enc.or(mine)));
    for (Policy other : sameNamespace(p, d)) {
      if (!other.id().equals(p.id()) && counts.test(other)) {
        other.rules(d).forEach(o -> q.add(ctx.mkNot(admits(other, o))));
      }
    }
    return run(q);
  }

  /** Whether rule {@code a} of {@code p} and rule {@code b} of {@code q} (same direction) admit a common connection of a common pod. */
  public SolverAnswer.Outcome overlap(Policy p, Rule a, Policy q, Rule b) {
    return run(List.of(enc.governed(self(a.direction())), admits(p, a), admits(q, b)));
  }

  /** Whether {@code p} and {@code q} both select some pod. */
  public SolverAnswer.Outcome selectCommonPod(Policy p, Policy q) {
    return run(List.of(enc.governed(src), enc.selects(p, src), enc.selects(q, src)));
  }

  /** The policies this session encodes. */
  public List<Policy> policies() {
    return universe.cluster.policies();
  }

  // ---- invariants -----------------------------------------------------------------------------

  /** Whether some endpoint of {@code world} is in {@code set} (as a source, or as a destination). */
  public SolverAnswer.Outcome inhabited(EndpointSet set, World world, boolean asSource) {
    SymbolicEndpoint e = asSource ? src : dst;
    return run(List.of(enc.world(e, world), inv.member(set, e)));
  }

  /** Some connection of {@code world} in the scope of both invariants (from, to and ports). */
  public SolverAnswer.Outcome scopesOverlap(Invariant a, Invariant b, World world) {
    List<BoolExpr> q = new ArrayList<>(world(world));
    q.add(scope(a));
    q.add(scope(b));
    return run(q);
  }

  /** Some connection of {@code world} in the scope of {@code inner} but not of {@code outer}. */
  public SolverAnswer.Outcome scopeOutside(Invariant inner, Invariant outer, World world) {
    List<BoolExpr> q = new ArrayList<>(world(world));
    q.add(scope(inner));
    q.add(ctx.mkNot(scope(outer)));
    return run(q);
  }

  private List<BoolExpr> world(World world) {
    return List.of(enc.world(src, world), enc.world(dst, world));
  }

  private BoolExpr scope(Invariant i) {
    return ctx.mkAnd(inv.member(i.from(), src), inv.member(i.to(), dst), enc.ports(i.ports(), dst, protocol, port));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The pod whose policies decide direction {@code d}: the destination for ingress, the source for egress. */
  private SymbolicEndpoint self(Direction d) {
    return d == Direction.INGRESS ? dst : src;
  }

  private SymbolicEndpoint peer(Direction d) {
    return d == Direction.INGRESS ? src : dst;
  }

  /** {@code p} selects the deciding pod and its rule {@code r} admits the peer and port. */
  private BoolExpr admits(Policy p, Rule r) {
    Direction d = r.direction();
    return ctx.mkAnd(enc.selects(p, self(d)), enc.rule(p, r, peer(d), dst, protocol, port));
  }

  /** The policies that could select the same pods as {@code p} for {@code d}: its namespace's. */
  private List<Policy> sameNamespace(Policy p, Direction d) {
    return universe.cluster.policies().stream().filter(o -> o.namespace().equals(p.namespace()) && o.isolates(d))
        .toList();
  }

  private SolverAnswer.Outcome run(List<BoolExpr> query) {
    if (broken) {
      return SolverAnswer.Outcome.UNKNOWN;
    }
    solver.push();
    try {
      solver.add(query.toArray(new BoolExpr[0]));
      dump();
      Status s = solver.check();
      return s == Status.SATISFIABLE ? SolverAnswer.Outcome.FOUND
          : s == Status.UNSATISFIABLE ? SolverAnswer.Outcome.NONE : SolverAnswer.Outcome.UNKNOWN;
    } catch (com.microsoft.z3.Z3Exception e) {
      // A fault can leave the solver half-changed; a later "unsat" could then call a rule redundant
      // that is not. So this and every later question stay undecided.
      broken = true;
      return SolverAnswer.Outcome.UNKNOWN;
    } finally {
      try {
        solver.pop();
      } catch (com.microsoft.z3.Z3Exception e) {
        broken = true;
      }
    }
  }

  /** Writes the current question as SMT-LIB2 when --dump-smt is set (lint-query-1.smt2, ...). */
  private void dump() {
    SmtDump.write(options.dumpDirectory(), "lint-query-", ++queries, solver, "(check-sat)\n");
  }


  @Override
  public void close() {
    ctx.close();
  }
}
