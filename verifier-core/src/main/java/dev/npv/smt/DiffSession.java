package dev.npv.smt;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import dev.npv.model.PolicyPort;
import dev.npv.model.Workload;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two versions of a cluster (BASE and HEAD) encoded over one symbolic connection, to ask what a change
 * opens or closes: a connection one version allows and the other denies, for the same pods. Both
 * versions share every variable but the namespace labels, which each version's manifests may set
 * differently; namespaces neither version declares keep the same (unknown) labels in both. Known
 * workloads come from HEAD where both define them. Owns one Z3 context: close it.
 */
public final class DiffSession implements AutoCloseable {
  private final Context ctx;
  private final Solver solver;
  private final Universe baseUniverse;
  private final Universe headUniverse;
  private final ConnectionEncoder baseEnc;
  private final ConnectionEncoder headEnc;
  private final InvariantEncoder scope;
  private final SymbolicEndpoint src;
  private final SymbolicEndpoint dst;
  private final SymbolicEndpoint srcHead;
  private final SymbolicEndpoint dstHead;
  private final IntExpr protocol;
  private final BitVecExpr port;
  private final BoolExpr allowedBase;
  private final BoolExpr allowedHead;
  private final SessionOptions options;

  public DiffSession(Cluster base, Cluster head, List<Invariant> invariants, SessionOptions options) {
    this.options = options;
    this.ctx = new Context();
    try {
      Cluster merged = merge(base, head);
      this.baseUniverse = new Universe(base, merged, invariants);
      this.headUniverse = new Universe(head, merged, invariants);
      this.baseEnc = new ConnectionEncoder(ctx, baseUniverse, options.semantics());
      this.headEnc = new ConnectionEncoder(ctx, headUniverse, options.semantics());
      this.scope = new InvariantEncoder(ctx, headUniverse, headEnc);
      this.solver = SolverParameters.newSolver(ctx, options);
      this.src = new SymbolicEndpoint(ctx, "src", baseUniverse);
      this.dst = new SymbolicEndpoint(ctx, "dst", baseUniverse);
      this.srcHead = src.inVersion(ctx, "head");
      this.dstHead = dst.inVersion(ctx, "head");
      this.protocol = ctx.mkIntConst("conn.protocol");
      this.port = ctx.mkBVConst("conn.port", 16);
      for (SymbolicEndpoint[] e : List.of(new SymbolicEndpoint[] {src, srcHead}, new SymbolicEndpoint[] {dst, dstHead})) {
        solver.add(baseEnc.consistency(e[0]).toArray(new BoolExpr[0]));
        solver.add(headEnc.consistency(e[1]).toArray(new BoolExpr[0]));
        solver.add(unchangedNamespaces(e[0], e[1]));
        solver.add(unchangedNewNodes(e[0], e[1]));
      }
      solver.add(baseEnc.sameNamespaceSameLabels(src, dst), headEnc.sameNamespaceSameLabels(srcHead, dstHead));
      baseEnc.oneAddressFamily(src, dst).forEach(solver::add); // one address family, in each version
      headEnc.oneAddressFamily(srcHead, dstHead).forEach(solver::add);
      solver.add(SymbolicEndpoint.between(ctx, protocol, 0, 2), ctx.mkNot(ctx.mkEq(port, ctx.mkBV(0, 16))));
      this.allowedBase = baseEnc.allowed(src, dst, protocol, port);
      this.allowedHead = headEnc.allowed(srcHead, dstHead, protocol, port);
    } catch (RuntimeException e) {
      ctx.close();
      throw e;
    }
  }

  /**
   * Searches a connection from {@code from} to {@code to} on {@code ports} that HEAD allows and BASE
   * denies ({@code opened}) or the reverse, outside every invariant scope in {@code except}.
   */
  public DiffAnswer search(EndpointSet from, EndpointSet to, List<PolicyPort> ports, World world, boolean opened,
                           List<Invariant> except) {
    List<BoolExpr> q = new ArrayList<>();
    q.add(baseEnc.world(src, world));
    q.add(headEnc.world(srcHead, world));
    q.add(baseEnc.world(dst, world));
    q.add(headEnc.world(dstHead, world));
    q.add(headEnc.distinct(srcHead, dstHead));
    q.add(scope.member(from, srcHead));
    q.add(scope.member(to, dstHead));
    q.add(headEnc.ports(ports, dstHead, protocol, port));
    q.add(opened ? ctx.mkAnd(allowedHead, ctx.mkNot(allowedBase)) : ctx.mkAnd(allowedBase, ctx.mkNot(allowedHead)));
    for (Invariant inv : except) {
      q.add(ctx.mkNot(ctx.mkAnd(scope.member(inv.from(), srcHead), scope.member(inv.to(), dstHead),
          headEnc.ports(inv.ports(), dstHead, protocol, port))));
    }
    int depth = solver.getNumScopes();
    solver.push();
    try {
      solver.add(q.toArray(new BoolExpr[0]));
      Status status = solver.check();
      if (status == Status.UNSATISFIABLE) {
        return new DiffAnswer(SolverAnswer.Outcome.NONE, Optional.empty(), Optional.empty(), "");
      }
      if (status == Status.UNKNOWN) {
        return new DiffAnswer(SolverAnswer.Outcome.UNKNOWN, Optional.empty(), Optional.empty(),
            solver.getReasonUnknown());
      }
      var model = solver.getModel();
      int kept = 0;
      if (options.minimizeWitnesses()) {
        WitnessMinimizer minimizer = new WitnessMinimizer(ctx, solver, baseUniverse, src, dst, true);
        kept = minimizer.run();
        model = minimizer.model();
      }
      Witness b = new WitnessDecoder(baseUniverse, model, src, dst, protocol, port).decode();
      Witness h = new WitnessDecoder(headUniverse, model, srcHead, dstHead, protocol, port).decode();
      if (kept > 0) {
        solver.pop(kept);
      }
      return new DiffAnswer(SolverAnswer.Outcome.FOUND, Optional.of(b), Optional.of(h), "");
    } catch (com.microsoft.z3.Z3Exception e) {
      return new DiffAnswer(SolverAnswer.Outcome.UNKNOWN, Optional.empty(), Optional.empty(),
          "solver error: " + e.getMessage());
    } finally {
      // Back to exactly where this query started, even if minimization left levels behind.
      solver.pop(solver.getNumScopes() - depth);
    }
  }

  /** A namespace that neither version declares is the same object in both: its labels cannot differ. */
  private BoolExpr unchangedNamespaces(SymbolicEndpoint inBase, SymbolicEndpoint inHead) {
    List<BoolExpr> out = new ArrayList<>();
    for (int i = 0; i <= baseUniverse.newNamespaceIndex(); i++) {
      if (baseUniverse.declared(i).isEmpty() && headUniverse.declared(i).isEmpty()) {
        List<BoolExpr> same = new ArrayList<>();
        inBase.nsLabels.forEach((k, v) -> same.add(ctx.mkEq(v, inHead.nsLabels.get(k))));
        out.add(ctx.mkImplies(ctx.mkEq(inBase.ns, ctx.mkInt(i)), baseEnc.and(same)));
      }
    }
    return baseEnc.and(out);
  }

  /**
   * An address no Node manifest of either version lists is the same in both: a new node with the same
   * labels, or no node. (A known node's address is pinned by each version's own facts.)
   */
  private BoolExpr unchangedNewNodes(SymbolicEndpoint inBase, SymbolicEndpoint inHead) {
    List<BoolExpr> same = new ArrayList<>();
    same.add(ctx.mkEq(inBase.node, inHead.node));
    inBase.nodeLabels.forEach((k, v) -> same.add(ctx.mkEq(v, inHead.nodeLabels.get(k))));
    BoolExpr known = ctx.mkOr(baseEnc.knownNodeAddress(inBase), headEnc.knownNodeAddress(inHead));
    return ctx.mkImplies(ctx.mkNot(known), baseEnc.and(same));
  }

  /** Both versions' objects, HEAD's where both define one: the domains the shared variables range over. */
  static Cluster merge(Cluster base, Cluster head) {
    Map<String, Namespace> namespaces = new LinkedHashMap<>(base.namespaces());
    namespaces.putAll(head.namespaces());
    Map<String, Workload> workloads = new LinkedHashMap<>();
    base.workloads().forEach(w -> workloads.put(w.kind() + ":" + w.id(), w));
    head.workloads().forEach(w -> workloads.put(w.kind() + ":" + w.id(), w));
    List<dev.npv.model.Policy> policies = new ArrayList<>(base.policies());
    policies.addAll(head.policies());
    // Admin policies of both versions too: their selectors' values must be in the shared domains.
    List<dev.npv.model.AdminPolicy> admin = new ArrayList<>(base.adminPolicies());
    admin.addAll(head.adminPolicies());
    Map<String, dev.npv.model.Node> nodes = new LinkedHashMap<>();
    base.nodes().forEach(n -> nodes.put(n.name(), n));
    head.nodes().forEach(n -> nodes.put(n.name(), n));
    return Cluster.of(namespaces.values(), workloads.values(), policies, admin, nodes.values());
  }

  @Override
  public void close() {
    ctx.close();
  }
}
