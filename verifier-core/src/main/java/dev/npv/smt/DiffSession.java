package dev.npv.smt;

import com.google.common.base.Stopwatch;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Z3Exception;
import dev.npv.model.AdminPolicy;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import dev.npv.model.Node;
import dev.npv.model.Policy;
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
 * workloads come from HEAD where both define them. After a solver fault every later search answers
 * UNKNOWN (see {@link AbstractSession}): a later over-constrained query must never read "nothing
 * opened". Owns one Z3 context: use with try-with-resources from one thread.
 */
public final class DiffSession extends AbstractSession {
  private final Solver solver;
  private final Universe baseUniverse;
  private final Universe headUniverse;
  private final ConnectionEncoder baseEnc;
  private final ConnectionEncoder headEnc;
  private final InvariantEncoder scope;
  /** The connection as BASE sees it, and as HEAD does: the same variables but namespace and node labels. */
  private final SymbolicConnection base;
  private final SymbolicConnection head;
  private final BoolExpr allowedBase;
  private final BoolExpr allowedHead;

  public DiffSession(Cluster base, Cluster head, List<Invariant> invariants, SessionOptions options) {
    super(options, "diff-query-", "(get-model)\n");
    try {
      Cluster merged = merge(base, head);
      this.baseUniverse = new Universe(base, merged, invariants);
      this.headUniverse = new Universe(head, merged, invariants);
      this.baseEnc = new ConnectionEncoder(ctx, baseUniverse, options.semantics());
      this.headEnc = new ConnectionEncoder(ctx, headUniverse, options.semantics());
      this.scope = new InvariantEncoder(ctx, headUniverse, headEnc);
      this.solver = newSolver();
      // Made in this order (both ends, their HEAD views, protocol, port): Z3 numbers terms as they are
      // made, and the order can steer which model it picks.
      SymbolicEndpoint src = new SymbolicEndpoint(ctx, "src", baseUniverse);
      SymbolicEndpoint dst = new SymbolicEndpoint(ctx, "dst", baseUniverse);
      SymbolicEndpoint srcHead = src.inVersion(ctx, "head");
      SymbolicEndpoint dstHead = dst.inVersion(ctx, "head");
      this.base = new SymbolicConnection(ctx, src, dst, SymbolicConnection.protocolVariable(ctx),
          SymbolicConnection.portVariable(ctx));
      this.head = this.base.between(srcHead, dstHead);
      for (SymbolicEndpoint[] e : List.of(new SymbolicEndpoint[] {src, srcHead}, new SymbolicEndpoint[] {dst, dstHead})) {
        solver.add(baseEnc.consistency(e[0]).toArray(new BoolExpr[0]));
        solver.add(headEnc.consistency(e[1]).toArray(new BoolExpr[0]));
        solver.add(unchangedNamespaces(e[0], e[1]));
        solver.add(unchangedNewNodes(e[0], e[1]));
      }
      solver.add(baseEnc.sameNamespaceSameLabels(src, dst), headEnc.sameNamespaceSameLabels(srcHead, dstHead));
      solver.add(this.base.domainFacts().toArray(new BoolExpr[0]));
      baseEnc.oneAddressFamily(this.base.src, this.base.dst).forEach(solver::add); // one address family, in each version
      headEnc.oneAddressFamily(this.head.src, this.head.dst).forEach(solver::add);
      this.allowedBase = baseEnc.allowed(this.base);
      this.allowedHead = headEnc.allowed(this.head);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    encoded();
  }

  /**
   * Searches a connection from {@code from} to {@code to} on {@code ports} that HEAD allows and BASE
   * denies ({@code opened}) or the reverse, outside every invariant scope in {@code except}.
   */
  public DiffAnswer search(EndpointSet from, EndpointSet to, List<PolicyPort> ports, World world, boolean opened,
                           List<Invariant> except) {
    Stopwatch sw = Stopwatch.createStarted();
    Decision<Seen> d;
    if (!deciding()) {
      d = stopped(sw); // no formulas built on a context that failed
    } else {
      try {
        d = decide(solver, query(from, to, ports, world, opened, except), Optional.of(this::witnesses));
      } catch (Z3Exception e) {
        d = fault(e, sw);
      }
    }
    return new DiffAnswer(d.outcome(), d.found().map(Seen::base), d.found().map(Seen::head), d.reason());
  }

  private List<BoolExpr> query(EndpointSet from, EndpointSet to, List<PolicyPort> ports, World world,
                               boolean opened, List<Invariant> except) {
    List<BoolExpr> q = new ArrayList<>();
    q.add(baseEnc.world(base.src, world));
    q.add(headEnc.world(head.src, world));
    q.add(baseEnc.world(base.dst, world));
    q.add(headEnc.world(head.dst, world));
    q.add(headEnc.distinct(head.src, head.dst));
    q.add(scope.member(from, head.src));
    q.add(scope.member(to, head.dst));
    q.add(headEnc.ports(ports, head));
    q.add(opened ? ctx.mkAnd(allowedHead, ctx.mkNot(allowedBase)) : ctx.mkAnd(allowedBase, ctx.mkNot(allowedHead)));
    for (Invariant inv : except) {
      q.add(ctx.mkNot(ctx.mkAnd(scope.member(inv.from(), head.src), scope.member(inv.to(), head.dst),
          headEnc.ports(inv.ports(), head))));
    }
    return q;
  }

  /** One found connection as each version sees it. */
  private record Seen(Witness base, Witness head) {
  }

  /** The connection as each version sees it, from a model made small and familiar if asked. */
  private Seen witnesses(Scope asked, Model found) {
    Model model = found;
    int kept = 0;
    if (options.minimizeWitnesses()) {
      WitnessMinimizer minimizer = new WitnessMinimizer(ctx, asked, baseUniverse, base.src, base.dst, true);
      kept = minimizer.run();
      model = minimizer.model();
    }
    Witness b = new WitnessDecoder(baseUniverse, model, base).decode();
    Witness h = new WitnessDecoder(headUniverse, model, head).decode();
    if (kept > 0) {
      asked.solver().pop(kept);
    }
    return new Seen(b, h);
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
    List<Policy> policies = new ArrayList<>(base.policies());
    policies.addAll(head.policies());
    // Admin policies of both versions too: their selectors' values must be in the shared domains.
    List<AdminPolicy> admin = new ArrayList<>(base.adminPolicies());
    admin.addAll(head.adminPolicies());
    Map<String, Node> nodes = new LinkedHashMap<>();
    base.nodes().forEach(n -> nodes.put(n.name(), n));
    head.nodes().forEach(n -> nodes.put(n.name(), n));
    return Cluster.of(namespaces.values(), workloads.values(), policies, admin, nodes.values());
  }

}
