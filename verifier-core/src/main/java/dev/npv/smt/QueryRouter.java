package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Solver;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Where a check query runs: one solver per world, each with what holds of every connection at its base
 * level (made on first use), plus, for closed-world queries whose namespace slices hold few known
 * workloads, a solver with no workload facts at its base and an encoder over just those workloads. One
 * per check session; its solvers live as long as the session's context.
 */
final class QueryRouter {
  /** Closed-world queries whose slices hold at most this many known workloads carry only theirs. */
  static final int NARROW_WORKLOADS = 256;

  private final Context ctx;
  private final Universe universe;
  private final EvaluatorOptions semantics;
  private final SymbolicConnection conn;
  private final ConnectionEncoder enc;
  private final ConnectionEncoder openEnc;
  private final NamespaceSlices slices;
  private final Supplier<Solver> newSolver;
  /** One solver per world, made on first use: the open world carries far fewer workload facts. */
  private final EnumMap<World, Solver> solvers = new EnumMap<>(World.class);
  private Solver narrowClosed;
  private final Map<SortedSet<Integer>, ConnectionEncoder> narrowEncoders = new HashMap<>();

  /** {@code enc} ranges over every known workload, {@code openEnc} over the open world's (see {@link #openWorld}). */
  QueryRouter(Context ctx, Universe universe, EvaluatorOptions semantics, SymbolicConnection conn,
              ConnectionEncoder enc, ConnectionEncoder openEnc, NamespaceSlices slices, Supplier<Solver> newSolver) {
    this.ctx = ctx;
    this.universe = universe;
    this.semantics = semantics;
    this.conn = conn;
    this.enc = enc;
    this.openEnc = openEnc;
    this.slices = slices;
    this.newSolver = newSolver;
  }

  /** Where a query runs: a solver, the encoder whose terms fit it, and the facts the query must add. */
  record Route(Solver solver, ConnectionEncoder enc, List<BoolExpr> facts) {
  }

  /**
   * The open world's solver, or in the closed world: when the ends' namespace slices hold few known
   * workloads, a solver with no workload facts at its base, the query adding the facts of just those
   * workloads (each end can only be a workload of its slice, so the others could never be it); else
   * the closed world's solver with every workload's facts at its base. An empty slice marks an end
   * the query does not constrain (it gets no workload facts).
   */
  Route route(World world, BitSet srcNamespaces, BitSet dstNamespaces) {
    if (world == World.OPEN) {
      return new Route(solver(World.OPEN), openEnc, List.of());
    }
    if (!fewKnownWorkloads(srcNamespaces, dstNamespaces)) {
      return new Route(solver(World.CLOSED), enc, List.of());
    }
    TreeSet<Integer> srcKnown = slices.workloadsIn(srcNamespaces);
    TreeSet<Integer> dstKnown = slices.workloadsIn(dstNamespaces);
    TreeSet<Integer> both = new TreeSet<>(srcKnown);
    both.addAll(dstKnown);
    List<BoolExpr> facts = new ArrayList<>();
    if (!srcNamespaces.isEmpty()) {
      facts.addAll(enc.knownWorkloadFacts(conn.src, ConnectionEncoder.KnownWorkloads.only(srcKnown)));
    }
    if (!dstNamespaces.isEmpty()) {
      facts.addAll(enc.knownWorkloadFacts(conn.dst, ConnectionEncoder.KnownWorkloads.only(dstKnown)));
    }
    // Kept for the session's life, like every other encoder: terms that die and are collected free
    // Z3 ids at the collector's whim, and reused ids could make answers depend on timing.
    ConnectionEncoder narrow = narrowEncoders.computeIfAbsent(both, k -> new ConnectionEncoder(ctx, universe,
        semantics, null, ConnectionEncoder.KnownWorkloads.only(k)));
    return new Route(narrowClosedSolver(), narrow, facts);
  }

  /** The ends' slices hold few enough known workloads for a query to carry just theirs. */
  boolean fewKnownWorkloads(BitSet srcNamespaces, BitSet dstNamespaces) {
    return slices.workloadsIn(srcNamespaces).size() + slices.workloadsIn(dstNamespaces).size() <= NARROW_WORKLOADS;
  }

  /** A closed-world solver with no known workload's facts at its base (see {@link #route}). */
  private Solver narrowClosedSolver() {
    if (narrowClosed == null) {
      narrowClosed = newSolver.get();
      narrowClosed.add(enc.connectionFactsWithoutWorkloads(conn).toArray(new BoolExpr[0]));
    }
    return narrowClosed;
  }

  /**
   * The solver of {@code world}, with what holds of every connection asserted at its base level. The
   * open world's may be only a new pod or one of {@link Universe#openWorldWorkloads}: every other known
   * workload behaves as some new pod, so no answer changes, and no query carries their facts.
   */
  Solver solver(World world) {
    return solvers.computeIfAbsent(world, w -> {
      Solver s = newSolver.get();
      ConnectionEncoder.KnownWorkloads known = w == World.OPEN ? openWorld(universe)
          : ConnectionEncoder.KnownWorkloads.ALL;
      s.add(enc.connectionFacts(conn, known).toArray(new BoolExpr[0]));
      return s;
    });
  }

  /** The encoder whose terms fit the solver of {@code world} (see {@link #solver}). */
  ConnectionEncoder enc(World world) {
    return world == World.OPEN ? openEnc : enc;
  }

  /** The known workloads an end of the open world's solver may be. */
  static ConnectionEncoder.KnownWorkloads openWorld(Universe universe) {
    return ConnectionEncoder.KnownWorkloads.only(universe.openWorldWorkloads);
  }
}
