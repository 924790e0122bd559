package dev.npv.smt;

import com.google.common.base.Stopwatch;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Model;
import com.microsoft.z3.Z3Exception;
import dev.npv.model.Cluster;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The check session: one Z3 context for checking many invariants against one policy set. The policy
 * semantics are encoded once and each query runs inside push/pop (incremental solving), on the solver
 * and namespace slices {@link QueryRouter} and {@link NamespaceSlices} pick; {@link ProofBasisSearch}
 * names what a proof rests on. Life cycle and faults as for every session ({@link AbstractSession}):
 * try-with-resources, one thread, plain-data answers; after a solver fault every later query is UNKNOWN.
 */
public final class SolverSession extends AbstractSession {
  /** Closed-world queries whose slices hold at most this many known workloads carry only theirs. */
  public static final int NARROW_WORKLOADS = QueryRouter.NARROW_WORKLOADS;

  private final Universe universe;
  private final SymbolicConnection conn;
  private final NamespaceSlices slices;
  private final QueryRouter router;
  private final InvariantScope scope;
  private final AllowedFormulas allowed;
  private final ProofBasisSearch proofs;

  /**
   * Encodes the policies of {@code cluster}; {@code invariants} are scanned only for the names and
   * label values they mention, so later queries about them stay inside the finite domains.
   */
  public SolverSession(Cluster cluster, List<Invariant> invariants, SessionOptions options) {
    super(options, "query-", "(get-model)\n");
    try {
      this.universe = new Universe(cluster, invariants);
      ConnectionEncoder enc = new ConnectionEncoder(ctx, universe, options.semantics());
      ConnectionEncoder openEnc = new ConnectionEncoder(ctx, universe, options.semantics(), null,
          QueryRouter.openWorld(universe));
      InvariantEncoder inv = new InvariantEncoder(ctx, universe, enc);
      this.conn = SymbolicConnection.of(ctx, universe);
      this.slices = new NamespaceSlices(universe, inv);
      this.router = new QueryRouter(ctx, universe, options.semantics(), conn, enc, openEnc, slices, this::newSolver);
      this.scope = new InvariantScope(ctx, enc, inv, conn);
      this.allowed = new AllowedFormulas(conn);
      this.proofs = new ProofBasisSearch(this, universe, options.semantics(), conn, slices, router, scope);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    encoded();
  }

  /**
   * Searches for a connection from the invariant's {@code from} to its {@code to} on its ports,
   * between distinct endpoints of {@code world}, that policy allows ({@code allowed} true) or denies.
   */
  public SolverAnswer search(Invariant invariant, World world, boolean allowedConnection) {
    Stopwatch sw = Stopwatch.createStarted();
    if (!deciding()) {
      return answer(stopped(sw));
    }
    try {
      BitSet srcNamespaces = slices.of(invariant.from());
      BitSet dstNamespaces = slices.of(invariant.to());
      Optional<List<BitSet>> quiet = slices.quiet(srcNamespaces, dstNamespaces);
      if (quiet.isPresent()) {
        SolverAnswer first = search(invariant, world, allowedConnection, quiet.get().get(0), quiet.get().get(1), true);
        if (first.outcome() == SolverAnswer.Outcome.FOUND || !deciding()) {
          return first;
        }
        SolverAnswer full = search(invariant, world, allowedConnection, srcNamespaces, dstNamespaces, false);
        return full.plus(first.stats());
      }
      return search(invariant, world, allowedConnection, srcNamespaces, dstNamespaces, false);
    } catch (Z3Exception e) {
      return answer(fault(e, sw));
    }
  }

  /**
   * The same search among known workloads only (the closed world), when the invariant's namespace
   * slices hold few enough of them for that to be cheap; empty otherwise or when none is found. A
   * connection between existing workloads is one of the open world's too, and makes a plainer
   * counterexample than a pod that does not exist yet; it never changes a verdict.
   */
  public Optional<SolverAnswer> searchAmongKnown(Invariant invariant, boolean allowedConnection) {
    if (!deciding()) {
      return Optional.empty();
    }
    BitSet srcNamespaces = slices.of(invariant.from());
    BitSet dstNamespaces = slices.of(invariant.to());
    if (!router.fewKnownWorkloads(srcNamespaces, dstNamespaces)) {
      return Optional.empty();
    }
    try {
      SolverAnswer a = search(invariant, World.CLOSED, allowedConnection, srcNamespaces, dstNamespaces, false);
      return a.outcome() == SolverAnswer.Outcome.FOUND ? Optional.of(a) : Optional.empty();
    } catch (Z3Exception e) {
      fault(e, Stopwatch.createStarted());
      return Optional.empty();
    }
  }

  /**
   * The query with each end confined to a namespace slice. {@code confine} adds the confinement as a
   * constraint (a first try on part of the scope); otherwise the slices are exactly where the scope
   * already puts the ends. Either way the policies of other namespaces are left out, which is exact
   * because a policy only ever selects pods of its own namespace.
   */
  private SolverAnswer search(Invariant invariant, World world, boolean allowedConnection, BitSet srcNamespaces,
                              BitSet dstNamespaces, boolean confine) {
    QueryRouter.Route r = router.route(world, srcNamespaces, dstNamespaces);
    List<BoolExpr> query = new ArrayList<>(r.facts());
    query.addAll(scope.of(invariant, world, r.enc()));
    if (confine) {
      query.add(scope.inNamespaces(conn.src, srcNamespaces));
      query.add(scope.inNamespaces(conn.dst, dstNamespaces));
    }
    BoolExpr allows = allowed.allowed(r.enc(), srcNamespaces, dstNamespaces);
    query.add(allowedConnection ? allows : ctx.mkNot(allows));
    return answer(decide(r.solver(), query, Optional.of(this::witness)));
  }

  /**
   * For a deny or allow invariant that holds, the policies and rules its proof rests on: a minimal
   * set of members ({@code ns/name}, {@code ns/name ingress rule 0}) such that the invariant holds
   * whenever they exist, whatever the other policies and rules; dropping any one of them breaks it.
   * Empty when the invariant does not hold (or is undecided); an empty list means no policy is needed.
   */
  public Optional<List<String>> proofBasis(Invariant invariant, World world) {
    return proofs.basis(invariant, world);
  }

  /**
   * Whether the invariant holds when exactly {@code members} are required to exist and every other
   * policy and rule may or may not: NONE (holds), FOUND (breaks) or UNKNOWN. Used to check proof bases.
   */
  public SolverAnswer.Outcome holdsWithOnly(Invariant invariant, World world, Set<String> members) {
    return proofs.holdsWithOnly(invariant, world, members);
  }

  /** Whether some endpoint of {@code world} is in {@code set} (as a source, or as a destination); no witness. */
  public SolverAnswer inhabited(EndpointSet set, World world, boolean asSource) {
    Stopwatch sw = Stopwatch.createStarted();
    if (!deciding()) {
      return answer(stopped(sw));
    }
    try {
      BitSet none = new BitSet();
      QueryRouter.Route r = asSource ? router.route(world, slices.of(set), none)
          : router.route(world, none, slices.of(set));
      List<BoolExpr> query = new ArrayList<>(r.facts());
      query.addAll(scope.member(set, world, asSource));
      return answer(decide(r.solver(), query, Optional.empty()));
    } catch (Z3Exception e) {
      return answer(fault(e, sw));
    }
  }

  /** Whether the invariant's scope holds any pair at all (distinct endpoints, both sets, its ports); no witness. */
  public SolverAnswer pairsInhabited(Invariant invariant, World world) {
    Stopwatch sw = Stopwatch.createStarted();
    if (!deciding()) {
      return answer(stopped(sw));
    }
    try {
      QueryRouter.Route r = router.route(world, slices.of(invariant.from()), slices.of(invariant.to()));
      List<BoolExpr> query = new ArrayList<>(r.facts());
      query.addAll(scope.of(invariant, world, r.enc()));
      return answer(decide(r.solver(), query, Optional.empty()));
    } catch (Z3Exception e) {
      return answer(fault(e, sw));
    }
  }

  /** The found connection, made small and familiar first when asked (kept preferences popped after). */
  private Witness witness(Scope asked, Model found) {
    Model model = found;
    int kept = 0;
    if (options.minimizeWitnesses()) {
      WitnessMinimizer minimizer = new WitnessMinimizer(ctx, asked, universe, conn.src, conn.dst,
          false); // closed world: only known workloads anyway; open world: the verifier names one
      kept = minimizer.run();
      model = minimizer.model();
    }
    Witness w = new WitnessDecoder(universe, model, conn).decode();
    if (kept > 0) {
      asked.solver().pop(kept);
    }
    return w;
  }

  private static SolverAnswer answer(Decision<Witness> d) {
    return new SolverAnswer(d.outcome(), d.found(), d.reason(), d.stats());
  }
}
