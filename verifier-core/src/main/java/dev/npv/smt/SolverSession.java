package dev.npv.smt;

import com.google.common.base.Stopwatch;
import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Statistics;
import com.microsoft.z3.Status;
import dev.npv.model.Cluster;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Z3 {@link Context} and solver for checking many invariants against one policy set: the policy
 * semantics are encoded once and each query runs inside push/pop (incremental solving). Owns native
 * memory: open with try-with-resources, use from one thread, and keep nothing of Z3 after close;
 * answers are plain data.
 */
public final class SolverSession implements AutoCloseable {
  private final Context ctx;
  /** One solver per world, made on first use: the open world carries far fewer workload facts. */
  private final java.util.EnumMap<World, Solver> solvers = new java.util.EnumMap<>(World.class);
  private Solver narrowClosed;
  private boolean closed;
  private final Map<BitSet, java.util.TreeSet<Integer>> workloadsBySlice = new HashMap<>();
  private final Map<java.util.SortedSet<Integer>, ConnectionEncoder> narrowEncoders = new HashMap<>();
  private final Universe universe;
  private final ConnectionEncoder enc;
  private final InvariantEncoder inv;
  private final SymbolicEndpoint src;
  private final SymbolicEndpoint dst;
  private final IntExpr protocol;
  private final BitVecExpr port;
  /** The policy semantics sliced by the namespaces each end may be in, each built once. */
  private final Map<List<Object>, BoolExpr> allowedBySlice = new HashMap<>();
  /** The open world's encoder: its terms range over new pods and the open world's workloads only. */
  private final ConnectionEncoder openEnc;
  private final SessionOptions options;
  private final long encodeMillis;
  private int queries;
  private ProofTracker tracker;
  private ConnectionEncoder trackedEnc;
  private ConnectionEncoder trackedOpenEnc;
  /** Z3 counts resources for the whole solver; a query's share is the difference. */
  private long rlimitBefore;
  /** Set by a Z3 fault: from then on every query answers UNKNOWN (see {@link #fault}). */
  private boolean broken;
  private static final String BROKEN = "solver stopped after an earlier fault or interrupt";

  /**
   * Encodes the policies of {@code cluster}; {@code invariants} are scanned only for the names and
   * label values they mention, so later queries about them stay inside the finite domains.
   */
  public SolverSession(Cluster cluster, List<Invariant> invariants, SessionOptions options) {
    Stopwatch sw = Stopwatch.createStarted();
    this.options = options;
    this.ctx = new Context();
    try {
      this.universe = new Universe(cluster, invariants);
      this.enc = new ConnectionEncoder(ctx, universe, options.semantics());
      this.openEnc = new ConnectionEncoder(ctx, universe, options.semantics(), null, openWorld());
      this.inv = new InvariantEncoder(ctx, universe, enc);
      this.src = new SymbolicEndpoint(ctx, "src", universe);
      this.dst = new SymbolicEndpoint(ctx, "dst", universe);
      this.protocol = ctx.mkIntConst("conn.protocol");
      this.port = ctx.mkBVConst("conn.port", 16);
    } catch (RuntimeException e) {
      ctx.close();
      throw e;
    }
    this.encodeMillis = sw.elapsed(TimeUnit.MILLISECONDS);
  }

  /**
   * Searches for a connection from the invariant's {@code from} to its {@code to} on its ports,
   * between distinct endpoints of {@code world}, that policy allows ({@code allowed} true) or denies.
   */
  public SolverAnswer search(Invariant invariant, World world, boolean allowedConnection) {
    Stopwatch sw = Stopwatch.createStarted();
    if (broken) {
      return unknown(BROKEN, sw);
    }
    try {
      BitSet srcNamespaces = inv.namespaces(invariant.from());
      BitSet dstNamespaces = inv.namespaces(invariant.to());
      Optional<List<BitSet>> quiet = quietSlices(srcNamespaces, dstNamespaces);
      if (quiet.isPresent()) {
        SolverAnswer first = search(invariant, world, allowedConnection, quiet.get().get(0), quiet.get().get(1), true);
        if (first.outcome() == SolverAnswer.Outcome.FOUND || broken) {
          return first;
        }
        SolverAnswer full = search(invariant, world, allowedConnection, srcNamespaces, dstNamespaces, false);
        return full.plus(first.stats());
      }
      return search(invariant, world, allowedConnection, srcNamespaces, dstNamespaces, false);
    } catch (com.microsoft.z3.Z3Exception e) {
      return fault(e, sw);
    }
  }

  /**
   * The same search among known workloads only (the closed world), when the invariant's namespace
   * slices hold few enough of them for that to be cheap; empty otherwise or when none is found. A
   * connection between existing workloads is one of the open world's too, and makes a plainer
   * counterexample than a pod that does not exist yet; it never changes a verdict.
   */
  public Optional<SolverAnswer> searchAmongKnown(Invariant invariant, boolean allowedConnection) {
    if (broken) {
      return Optional.empty();
    }
    BitSet srcNamespaces = inv.namespaces(invariant.from());
    BitSet dstNamespaces = inv.namespaces(invariant.to());
    if (workloadsIn(srcNamespaces).size() + workloadsIn(dstNamespaces).size() > NARROW_WORKLOADS) {
      return Optional.empty();
    }
    try {
      SolverAnswer a = search(invariant, World.CLOSED, allowedConnection, srcNamespaces, dstNamespaces, false);
      return a.outcome() == SolverAnswer.Outcome.FOUND ? Optional.of(a) : Optional.empty();
    } catch (com.microsoft.z3.Z3Exception e) {
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
    Route r = route(world, srcNamespaces, dstNamespaces);
    List<BoolExpr> query = new ArrayList<>(r.facts());
    query.addAll(scope(invariant.from(), invariant.to(), world, r.enc()));
    query.add(r.enc().ports(invariant.ports(), dst, protocol, port));
    if (confine) {
      query.add(inNamespaces(src, srcNamespaces));
      query.add(inNamespaces(dst, dstNamespaces));
    }
    // Built once per encoder and slice (Java-side), asserted only inside this query's scope:
    // definitions left at the base level would be carried by every later check and slow them all
    // down (measured: even guarded by the end's namespace, they made issue-2's checks twice as slow).
    BoolExpr allowed = allowedBySlice.computeIfAbsent(List.of(r.enc(), srcNamespaces, dstNamespaces),
        k -> r.enc().allowed(src, dst, protocol, port, srcNamespaces, dstNamespaces));
    query.add(allowedConnection ? allowed : ctx.mkNot(allowed));
    return run(r.solver(), query, true);
  }

  /**
   * A cheap first try for an end whose scope spans many namespaces: only the namespaces where no
   * NetworkPolicy isolates its side (and a new namespace), so the try carries few policies. Most
   * broken isolation claims over "every other namespace" are shown there, at a fraction of the cost
   * of carrying every namespace's policies; if not, the full query decides. Empty when no end is
   * wide enough for this to pay.
   */
  private Optional<List<BitSet>> quietSlices(BitSet srcNamespaces, BitSet dstNamespaces) {
    boolean srcWide = srcNamespaces.cardinality() > WIDE_SLICE;
    boolean dstWide = dstNamespaces.cardinality() > WIDE_SLICE;
    if (!srcWide && !dstWide) {
      return Optional.empty();
    }
    BitSet s = srcWide ? quietPart(srcNamespaces, dev.npv.model.Direction.EGRESS) : srcNamespaces;
    BitSet d = dstWide ? quietPart(dstNamespaces, dev.npv.model.Direction.INGRESS) : dstNamespaces;
    return s.isEmpty() || d.isEmpty() ? Optional.empty() : Optional.of(List.of(s, d));
  }

  /** Namespace slices wider than this get a first try on their quiet part. */
  static final int WIDE_SLICE = 16;

  private BitSet quietPart(BitSet slice, dev.npv.model.Direction side) {
    BitSet out = (BitSet) slice.clone();
    universe.cluster.policies().stream().filter(p -> p.isolates(side))
        .forEach(p -> out.clear(universe.namespaceIndex.get(p.namespace())));
    return out;
  }

  /** The end is an address, or a pod in one of {@code namespaces}. */
  private BoolExpr inNamespaces(SymbolicEndpoint e, BitSet namespaces) {
    List<BoolExpr> in = new ArrayList<>();
    in.add(e.ext);
    namespaces.stream().forEach(i -> in.add(ctx.mkEq(e.ns, ctx.mkInt(i))));
    return enc.or(in);
  }

  /**
   * For a deny or allow invariant that holds, the policies and rules its proof rests on: a minimal
   * set of members ({@code ns/name}, {@code ns/name ingress rule 0}) such that the invariant holds
   * whenever they exist, whatever the other policies and rules; dropping any one of them breaks it.
   * Empty when the invariant does not hold (or is undecided); an empty list means no policy is needed.
   */
  public Optional<List<String>> proofBasis(Invariant invariant, World world) {
    if (invariant.expect() == dev.npv.spec.Expect.ALLOW_SOME || broken) {
      return Optional.empty();
    }
    List<BoolExpr> query = trackedQuery(invariant, world);
    Solver solver = solver(world);
    int depth = solver.getNumScopes();
    solver.push();
    try {
      solver.add(query.toArray(new BoolExpr[0]));
      Map<String, BoolExpr> lits = tracker.literals();
      List<String> core = unsatCore(solver, lits, new ArrayList<>(lits.keySet()));
      if (core == null) {
        return Optional.empty();
      }
      // Deletion-based minimization: a member stays only if the proof fails without it.
      for (String m : List.copyOf(core)) {
        List<String> without = new ArrayList<>(core);
        without.remove(m);
        List<String> smaller = unsatCore(solver, lits, without);
        if (smaller != null) {
          core = smaller;
        }
      }
      return Optional.of(core.stream().sorted().toList());
    } catch (com.microsoft.z3.Z3Exception e) {
      broken = true; // as in fault(): a half-done query must not constrain later ones
      return Optional.empty();
    } finally {
      // Back to exactly where this query started, even if minimization left levels behind.
      solver.pop(solver.getNumScopes() - depth);
    }
  }

  /**
   * Whether the invariant holds when exactly {@code members} are required to exist and every other
   * policy and rule may or may not: NONE (holds), FOUND (breaks) or UNKNOWN. Used to check proof bases.
   */
  public SolverAnswer.Outcome holdsWithOnly(Invariant invariant, World world, java.util.Set<String> members) {
    List<BoolExpr> query = trackedQuery(invariant, world);
    Solver solver = solver(world);
    int depth = solver.getNumScopes();
    solver.push();
    try {
      solver.add(query.toArray(new BoolExpr[0]));
      Map<String, BoolExpr> lits = tracker.literals();
      Status st = solver.check(members.stream().filter(lits::containsKey).map(lits::get).toArray(BoolExpr[]::new));
      return st == Status.UNSATISFIABLE ? SolverAnswer.Outcome.NONE
          : st == Status.SATISFIABLE ? SolverAnswer.Outcome.FOUND : SolverAnswer.Outcome.UNKNOWN;
    } finally {
      // Back to exactly where this query started, even if minimization left levels behind.
      solver.pop(solver.getNumScopes() - depth);
    }
  }

  /** The query for a breaking connection, over the tracked encoding of the invariant's slice. */
  private List<BoolExpr> trackedQuery(Invariant invariant, World world) {
    if (tracker == null) {
      tracker = new ProofTracker(ctx);
      trackedEnc = new ConnectionEncoder(ctx, universe, options.semantics(), tracker);
      trackedOpenEnc = new ConnectionEncoder(ctx, universe, options.semantics(), tracker, openWorld());
    }
    ConnectionEncoder tracked = world == World.OPEN ? trackedOpenEnc : trackedEnc;
    BoolExpr allowed = tracked.allowed(src, dst, protocol, port, inv.namespaces(invariant.from()),
        inv.namespaces(invariant.to()));
    List<BoolExpr> query = new ArrayList<>(scope(invariant.from(), invariant.to(), world, enc(world)));
    query.add(enc(world).ports(invariant.ports(), dst, protocol, port));
    query.add(invariant.expect() == dev.npv.spec.Expect.ALLOW ? ctx.mkNot(allowed) : allowed);
    return query;
  }

  /** The named members of an unsat core under these assumptions, or null if not unsat. */
  private static List<String> unsatCore(Solver solver, Map<String, BoolExpr> lits, List<String> assumed) {
    Status st = solver.check(assumed.stream().map(lits::get).toArray(BoolExpr[]::new));
    if (st != Status.UNSATISFIABLE) {
      return null;
    }
    java.util.Set<String> inCore = java.util.Arrays.stream(solver.getUnsatCore()).map(Object::toString)
        .collect(java.util.stream.Collectors.toSet());
    return assumed.stream().filter(n -> inCore.contains(lits.get(n).toString())).collect(
        java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  /** Whether some endpoint of {@code world} is in {@code set} (as a source, or as a destination); no witness. */
  public SolverAnswer inhabited(EndpointSet set, World world, boolean asSource) {
    Stopwatch sw = Stopwatch.createStarted();
    if (broken) {
      return unknown(BROKEN, sw);
    }
    try {
      SymbolicEndpoint e = asSource ? src : dst;
      BitSet none = new BitSet();
      Route r = asSource ? route(world, inv.namespaces(set), none) : route(world, none, inv.namespaces(set));
      List<BoolExpr> query = new ArrayList<>(r.facts());
      query.add(enc.world(e, world));
      query.add(inv.member(set, e));
      return run(r.solver(), query, false);
    } catch (com.microsoft.z3.Z3Exception e) {
      return fault(e, sw);
    }
  }

  /** Whether the invariant's scope holds any pair at all (distinct endpoints, both sets, its ports); no witness. */
  public SolverAnswer pairsInhabited(Invariant invariant, World world) {
    Stopwatch sw = Stopwatch.createStarted();
    if (broken) {
      return unknown(BROKEN, sw);
    }
    try {
      Route r = route(world, inv.namespaces(invariant.from()), inv.namespaces(invariant.to()));
      List<BoolExpr> query = new ArrayList<>(r.facts());
      query.addAll(scope(invariant.from(), invariant.to(), world, r.enc()));
      query.add(r.enc().ports(invariant.ports(), dst, protocol, port));
      return run(r.solver(), query, false);
    } catch (com.microsoft.z3.Z3Exception e) {
      return fault(e, sw);
    }
  }

  private List<BoolExpr> scope(EndpointSet from, EndpointSet to, World world, ConnectionEncoder e) {
    return List.of(enc.world(src, world), enc.world(dst, world), e.distinct(src, dst),
        inv.member(from, src), inv.member(to, dst));
  }

  /** Where a query runs: a solver, the encoder whose terms fit it, and the facts the query must add. */
  private record Route(Solver solver, ConnectionEncoder enc, List<BoolExpr> facts) {
  }

  /**
   * The open world's solver, or in the closed world: when the ends' namespace slices hold few known
   * workloads, a solver with no workload facts at its base, the query adding the facts of just those
   * workloads (each end can only be a workload of its slice, so the others could never be it); else
   * the closed world's solver with every workload's facts at its base. An empty slice marks an end
   * the query does not constrain (it gets no workload facts).
   */
  private Route route(World world, BitSet srcNamespaces, BitSet dstNamespaces) {
    if (world == World.OPEN) {
      return new Route(solver(World.OPEN), openEnc, List.of());
    }
    java.util.TreeSet<Integer> srcKnown = workloadsIn(srcNamespaces);
    java.util.TreeSet<Integer> dstKnown = workloadsIn(dstNamespaces);
    if (srcKnown.size() + dstKnown.size() > NARROW_WORKLOADS) {
      return new Route(solver(World.CLOSED), enc, List.of());
    }
    java.util.TreeSet<Integer> both = new java.util.TreeSet<>(srcKnown);
    both.addAll(dstKnown);
    List<BoolExpr> facts = new ArrayList<>();
    if (!srcNamespaces.isEmpty()) {
      facts.addAll(enc.knownWorkloadFacts(src, ConnectionEncoder.KnownWorkloads.only(srcKnown)));
    }
    if (!dstNamespaces.isEmpty()) {
      facts.addAll(enc.knownWorkloadFacts(dst, ConnectionEncoder.KnownWorkloads.only(dstKnown)));
    }
    // Kept for the session's life, like every other encoder: terms that die and are collected free
    // Z3 ids at the collector's whim, and reused ids could make answers depend on timing.
    ConnectionEncoder narrow = narrowEncoders.computeIfAbsent(both, k -> new ConnectionEncoder(ctx, universe,
        options.semantics(), null, ConnectionEncoder.KnownWorkloads.only(k)));
    return new Route(narrowClosedSolver(), narrow, facts);
  }

  /** Closed-world queries whose slices hold at most this many known workloads carry only theirs. */
  public static final int NARROW_WORKLOADS = 256;

  /** Each slice's workloads, found once: every closed-world query asks for both ends' slices. */
  private java.util.TreeSet<Integer> workloadsIn(BitSet namespaces) {
    return workloadsBySlice.computeIfAbsent(namespaces, this::findWorkloadsIn);
  }

  private java.util.TreeSet<Integer> findWorkloadsIn(BitSet namespaces) {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (int i = 0; i < universe.workloads.size(); i++) {
      if (namespaces.get(universe.namespaceIndex.get(universe.workloads.get(i).namespace()))) {
        out.add(i);
      }
    }
    return out;
  }

  /** A closed-world solver with no known workload's facts at its base (see {@link #route}). */
  private Solver narrowClosedSolver() {
    if (narrowClosed == null) {
      narrowClosed = SolverParameters.newSolver(ctx, options);
      narrowClosed.add(enc.connectionFactsWithoutWorkloads(src, dst, protocol, port).toArray(new BoolExpr[0]));
    }
    return narrowClosed;
  }

  /**
   * The solver of {@code world}, with what holds of every connection asserted at its base level. The
   * open world's may be only a new pod or one of {@link Universe#openWorldWorkloads}: every other known
   * workload behaves as some new pod, so no answer changes, and no query carries their facts.
   */
  private Solver solver(World world) {
    return solvers.computeIfAbsent(world, w -> {
      Solver s = SolverParameters.newSolver(ctx, options);
      ConnectionEncoder.KnownWorkloads known = w == World.OPEN ? openWorld() : ConnectionEncoder.KnownWorkloads.ALL;
      s.add(enc.connectionFacts(src, dst, protocol, port, known).toArray(new BoolExpr[0]));
      return s;
    });
  }

  private ConnectionEncoder.KnownWorkloads openWorld() {
    return ConnectionEncoder.KnownWorkloads.only(universe.openWorldWorkloads);
  }

  /** The encoder whose terms fit the solver of {@code world} (see {@link #solver}). */
  private ConnectionEncoder enc(World world) {
    return world == World.OPEN ? openEnc : enc;
  }

  /** Checks {@code query} in its own scope; a witness is decoded (and minimized) only when asked for. */
  private SolverAnswer run(Solver solver, List<BoolExpr> query, boolean witness) {
    Stopwatch sw = Stopwatch.createStarted();
    rlimitBefore = rlimit(solver);
    int depth = solver.getNumScopes();
    solver.push();
    try {
      solver.add(query.toArray(new BoolExpr[0]));
      dump(solver);
      Status status = solver.check();
      if (status == Status.UNSATISFIABLE) {
        return answer(solver, SolverAnswer.Outcome.NONE, Optional.empty(), "", sw);
      }
      if (status == Status.UNKNOWN) {
        return answer(solver, SolverAnswer.Outcome.UNKNOWN, Optional.empty(), solver.getReasonUnknown(), sw);
      }
      if (!witness) {
        return answer(solver, SolverAnswer.Outcome.FOUND, Optional.empty(), "", sw);
      }
      com.microsoft.z3.Model model = solver.getModel();
      int kept = 0;
      if (options.minimizeWitnesses()) {
        WitnessMinimizer minimizer = new WitnessMinimizer(ctx, solver, universe, src, dst,
            false); // closed world: only known workloads anyway; open world: the verifier names one
        kept = minimizer.run();
        model = minimizer.model();
      }
      Witness w = new WitnessDecoder(universe, model, src, dst, protocol, port).decode();
      if (kept > 0) {
        solver.pop(kept);
      }
      return answer(solver, SolverAnswer.Outcome.FOUND, Optional.of(w), "", sw);
    } catch (com.microsoft.z3.Z3Exception e) {
      // Out of memory, an interrupt or another solver fault: this query is undecided.
      return fault(e, sw);
    } finally {
      // Back to exactly where this query started, even if minimization left levels behind.
      try {
        solver.pop(solver.getNumScopes() - depth);
      } catch (com.microsoft.z3.Z3Exception e) {
        broken = true;
      }
    }
  }

  /**
   * A Z3 exception may leave scopes pushed or a definition half-asserted, and a later query run on
   * such a state could be over-constrained (a false PROVEN). So the session stops deciding: this and
   * every later query answer UNKNOWN.
   */
  private SolverAnswer fault(com.microsoft.z3.Z3Exception e, Stopwatch sw) {
    broken = true;
    return unknown("solver error: " + e.getMessage(), sw);
  }

  /** UNKNOWN without asking Z3 anything (it may be the thing that failed). */
  private SolverAnswer unknown(String reason, Stopwatch sw) {
    return new SolverAnswer(SolverAnswer.Outcome.UNKNOWN, Optional.empty(), reason,
        new SolverAnswer.Stats(encodeMillis, sw.elapsed(TimeUnit.MILLISECONDS), 0, 0));
  }

  private SolverAnswer answer(Solver solver, SolverAnswer.Outcome o, Optional<Witness> w, String reason,
                              Stopwatch sw) {
    return new SolverAnswer(o, w, reason,
        new SolverAnswer.Stats(encodeMillis, sw.elapsed(TimeUnit.MILLISECONDS), rlimit(solver) - rlimitBefore,
            solver.getNumAssertions()));
  }

  private static long rlimit(Solver solver) {
    for (Statistics.Entry e : solver.getStatistics().getEntries()) {
      if (e.Key.equals("rlimit count")) {
        return (long) Double.parseDouble(e.getValueString());
      }
    }
    return 0;
  }

  /** Writes the current query as SMT-LIB2 when a dump directory is set (query-1.smt2, ...). */
  private void dump(Solver solver) {
    SmtDump.write(options.dumpDirectory(), "query-", ++queries, solver, "(check-sat)\n(get-model)\n");
  }


  /** Stops a running check from another thread (Ctrl-C); the check then answers UNKNOWN. */
  public synchronized void interrupt() {
    // Under the session's lock, and never after close: interrupting a context being deleted could crash.
    if (!closed) {
      ctx.interrupt();
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      ctx.close();
    }
  }
}
