package dev.npv.smt;

import com.google.common.collect.ImmutableList;
import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import dev.npv.eval.AddressRules;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.Cidr;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Node;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Rule;
import dev.npv.model.SelectorRequirement;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.spec.World;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * NetworkPolicy semantics as formulas over a symbolic connection: the same rules as
 * {@link dev.npv.eval.ReferenceEvaluator}, from the same IR, one method per rule. Package-private;
 * lives and dies with one session (check, lint or diff).
 */
final class ConnectionEncoder {
  private final Context ctx;
  private final Universe u;
  private final EvaluatorOptions options;
  private final Map<SymbolicEndpoint, BoolExpr> hostNetworkCache = new IdentityHashMap<>();
  /**
   * Each policy's terms, built once: many queries slice the policies differently, and building the
   * same terms again through the solver API is much of a wide query's cost. (One protocol and port
   * variable per encoder's session, so they need not be part of the key.)
   */
  private final Map<TermsKey, PolicyTerms> policyTerms = new HashMap<>();
  /** Keyed by destination, port name, protocol and port variable (endpoints compare by identity). */
  private final Map<List<Object>, BoolExpr> namedPortCache = new HashMap<>();

  /** The known workloads an end may be; terms over the others would be false and are left out. */
  private final KnownWorkloads known;

  /** Optional literals that switch each policy and rule on, for unsat cores; null = untracked. */
  private final ProofTracker tracker;

  /** Which addresses the manifests hold, and the pod network if stated. */
  private final AddressRules addressRules;

  ConnectionEncoder(Context ctx, Universe u, EvaluatorOptions options) {
    this(ctx, u, options, null);
  }

  ConnectionEncoder(Context ctx, Universe u, EvaluatorOptions options, ProofTracker tracker) {
    this(ctx, u, options, tracker, KnownWorkloads.ALL);
  }

  /**
   * An encoder for ends that can only be the known workloads {@code known} keeps (or new pods): the
   * terms that range over known workloads (named ports, bare Pods, hostNetwork) leave the others out.
   * Solvers whose facts restrict the ends so (the open world's) get formulas that much smaller.
   */
  ConnectionEncoder(Context ctx, Universe u, EvaluatorOptions options, ProofTracker tracker, KnownWorkloads known) {
    this.ctx = ctx;
    this.u = u;
    this.options = options;
    this.tracker = tracker;
    this.known = known;
    this.addressRules = AddressRules.of(u.cluster, options);
  }

  // ---- what an endpoint can be ------------------------------------------------------------

  /**
   * What holds of every symbolic connection, in every world: both ends consistent with their namespace
   * and workload, one namespace's labels seen alike from both ends, a protocol, a non-zero port.
   */
  List<BoolExpr> connectionFacts(SymbolicConnection c) {
    return connectionFacts(c, KnownWorkloads.ALL);
  }

  /**
   * The same, with the known workloads an end may be restricted to those {@code known} keeps. The
   * open world needs only the workloads whose behaviour no new pod reproduces (see
   * {@link Universe#openWorldWorkloads}); leaving the others out spares every query their facts.
   */
  List<BoolExpr> connectionFacts(SymbolicConnection c, KnownWorkloads known) {
    List<BoolExpr> out = connectionFactsWithoutWorkloads(c);
    out.addAll(knownWorkloadFacts(c.src, known));
    out.addAll(knownWorkloadFacts(c.dst, known));
    return out;
  }

  /**
   * What holds of every symbolic connection but the known workloads' facts: a query that needs some
   * of those adds them itself ({@link #knownWorkloadFacts}), for the workloads it can be about.
   */
  List<BoolExpr> connectionFactsWithoutWorkloads(SymbolicConnection c) {
    List<BoolExpr> out = new ArrayList<>(endpointFacts(c.src));
    out.addAll(endpointFacts(c.dst));
    out.add(sameNamespaceSameLabels(c.src, c.dst));
    out.addAll(oneAddressFamily(c.src, c.dst));
    out.addAll(c.domainFacts());
    return out;
  }

  /**
   * When both ends may use a common address family, the connection uses one family on both
   * (Connection.oneAddressFamily): a dual-stack pod's IPv6 address never meets the other end's IPv4
   * address. Only a workload whose manifest lists addresses of both families, or none, can make this
   * bite, so without one nothing is asserted (the queries stay as they were).
   */
  List<BoolExpr> oneAddressFamily(SymbolicEndpoint src, SymbolicEndpoint dst) {
    boolean dualStack = u.workloads.stream().anyMatch(w -> w.podIps().stream().anyMatch(IpAddress::v6)
        && w.podIps().stream().anyMatch(ip -> !ip.v6()));
    // A known workload of unknown address may use either family too (the evaluator's reading of it).
    boolean eitherFamily = u.workloads.stream().anyMatch(w -> w.podIps().isEmpty());
    if (!dualStack && !eitherFamily) {
      return List.of();
    }
    BoolExpr common = ctx.mkOr(ctx.mkAnd(mayUse(src, false), mayUse(dst, false)),
        ctx.mkAnd(mayUse(src, true), mayUse(dst, true)));
    return List.of(ctx.mkImplies(common, ctx.mkEq(src.v6, dst.v6)));
  }

  /**
   * The end has, or may have, an address of that family: an external address only its own; a known
   * workload that lists addresses only theirs; any other pod (new, or of unknown address) either.
   */
  private BoolExpr mayUse(SymbolicEndpoint e, boolean v6) {
    List<BoolExpr> pods = new ArrayList<>();
    pods.add(isWorkload(e, -1));
    for (int i = 0; i < u.workloads.size(); i++) {
      Workload w = u.workloads.get(i);
      if (w.podIps().isEmpty() || w.podIps().stream().anyMatch(ip -> ip.v6() == v6)) {
        pods.add(isWorkload(e, i));
      }
    }
    return ctx.mkOr(ctx.mkAnd(e.ext, v6 ? e.v6 : ctx.mkNot(e.v6)), ctx.mkAnd(ctx.mkNot(e.ext), or(pods)));
  }

  /** Which known workloads an end may be: all of them, or a listed few (any other end is a new pod). */
  record KnownWorkloads(Optional<SortedSet<Integer>> only) {
    static final KnownWorkloads ALL = new KnownWorkloads(Optional.empty());

    static KnownWorkloads only(SortedSet<Integer> indices) {
      return new KnownWorkloads(Optional.of(indices));
    }

    boolean includes(int index) {
      return only.map(s -> s.contains(index)).orElse(true);
    }
  }

  /** Facts that tie a pod to its namespace and to the known workload it may be. */
  List<BoolExpr> consistency(SymbolicEndpoint e) {
    List<BoolExpr> out = endpointFacts(e);
    out.addAll(knownWorkloadFacts(e, KnownWorkloads.ALL));
    return out;
  }

  /**
   * Each known workload {@code known} keeps ties the end's namespace, labels (and a bare Pod's
   * address) when the end is that workload; with a restricted {@code known}, the end is one of those
   * or a new pod.
   */
  List<BoolExpr> knownWorkloadFacts(SymbolicEndpoint e, KnownWorkloads known) {
    List<BoolExpr> out = new ArrayList<>();
    List<BoolExpr> allowedIndices = new ArrayList<>();
    allowedIndices.add(isWorkload(e, -1));
    for (int i = 0; i < u.workloads.size(); i++) {
      if (known.includes(i)) {
        out.add(ctx.mkImplies(isWorkload(e, i), workloadFacts(e, u.workloads.get(i))));
        allowedIndices.add(isWorkload(e, i));
      }
    }
    if (known.only().isPresent()) {
      out.add(or(allowedIndices));
    }
    return out;
  }

  /** Ranges, the namespace an end is in and its labels, and the known nodes' addresses. */
  private List<BoolExpr> endpointFacts(SymbolicEndpoint e) {
    List<BoolExpr> out = new ArrayList<>(e.domainConstraints(ctx, u));
    IntExpr nameLabel = e.nsLabels.get(Namespace.NAME_LABEL);
    for (int i = 0; i <= u.newNamespaceIndex(); i++) {
      List<BoolExpr> facts = new ArrayList<>();
      // The control plane sets kubernetes.io/metadata.name to the namespace's name.
      facts.add(ctx.mkEq(nameLabel, ctx.mkInt(i < u.newNamespaceIndex()
          ? u.namespaceLabels.code(Namespace.NAME_LABEL, u.namespaceNames.get(i)) : ValueDomain.OTHER)));
      Optional<Namespace> declared = u.declared(i);
      declared.ifPresent(n -> e.nsLabels.forEach((k, v) ->
          facts.add(ctx.mkEq(v, ctx.mkInt(u.namespaceLabels.codeOf(k, n.labels()))))));
      out.add(ctx.mkImplies(ctx.mkEq(e.ns, ctx.mkInt(i)), and(facts)));
    }
    // Only an address is a node's: an external one, or a hostNetwork pod's (it uses its node's address).
    out.add(ctx.mkImplies(e.node, ctx.mkOr(e.ext, hostNetwork(e))));
    out.addAll(knownNodes(e));
    if (!u.nodesSelected) {
      // Nothing selects nodes, so whether another address is a new node changes no answer: it is not.
      out.add(ctx.mkImplies(e.node, knownNodeAddress(e)));
    }
    return out;
  }

  /**
   * A Node manifest's address is that node, with its labels, in every world: the manifests say which
   * nodes exist, and a new node cannot take an address a known one has. (Any other address may be a
   * new node's in the open world, see {@link #world}.)
   */
  private List<BoolExpr> knownNodes(SymbolicEndpoint e) {
    List<BoolExpr> out = new ArrayList<>();
    for (Node n : u.cluster.nodes()) {
      List<BoolExpr> labels = new ArrayList<>();
      labels.add(e.node);
      e.nodeLabels.forEach((k, v) -> labels.add(ctx.mkEq(v, ctx.mkInt(u.nodeLabels.codeOf(k, n.labels())))));
      BoolExpr at = or(n.addresses().stream().map(ip -> hasAddress(e, ip)).toList());
      out.add(ctx.mkImplies(ctx.mkAnd(ctx.mkOr(e.ext, hostNetwork(e)), at), and(labels)));
    }
    return out;
  }

  /** The address of {@code e} is one a Node manifest lists. */
  BoolExpr knownNodeAddress(SymbolicEndpoint e) {
    return knownNodeAddress(ctx, u, e);
  }

  static BoolExpr knownNodeAddress(Context ctx, Universe u, SymbolicEndpoint e) {
    BoolExpr[] at = u.cluster.nodes().stream().flatMap(n -> n.addresses().stream())
        .map(ip -> hasAddress(ctx, e, ip)).toArray(BoolExpr[]::new);
    return at.length == 0 ? ctx.mkFalse() : ctx.mkOr(at);
  }

  private BoolExpr workloadFacts(SymbolicEndpoint e, Workload w) {
    List<BoolExpr> facts = new ArrayList<>();
    facts.add(ctx.mkNot(e.ext));
    facts.add(ctx.mkEq(e.ns, ctx.mkInt(u.namespaceIndex.get(w.namespace()))));
    e.podLabels.forEach((k, v) -> facts.add(ctx.mkEq(v, ctx.mkInt(u.podLabels.codeOf(k, w.labels())))));
    // A bare Pod keeps its address while it lives; a controller's pods get new ones on every rollout,
    // so their snapshot addresses bind only in the closed world (see world()).
    if (!w.podIps().isEmpty() && w.kind() == WorkloadKind.Pod) {
      facts.add(or(w.podIps().stream().map(ip -> hasAddress(e, ip)).toList()));
    }
    return and(facts);
  }

  /**
   * The world an endpoint ranges over: any pod (open), a known workload's pod (closed), or external.
   * In the closed world the namespaces are the manifests' too: an implied namespace has exactly the
   * labels the loader assumed for it (only the name label), as the reference evaluator sees it; in
   * the open world its other labels are unknown. Likewise the nodes: only the Node manifests' in the
   * closed world; in the open world any other address may be a node that joins with any labels.
   */
  BoolExpr world(SymbolicEndpoint e, World world) {
    List<BoolExpr> out = new ArrayList<>(podNetwork(e, world));
    if (world == World.OPEN) {
      // Pods with hostNetwork bypass NetworkPolicy entirely; only known ones are modelled. Each runs on
      // a node, a known one (its address) or, in the open world, one that joins.
      if (u.nodesSelected) {
        out.add(ctx.mkImplies(hostNetwork(e), e.node));
      }
      return and(out);
    }
    out.add(ctx.mkImplies(ctx.mkNot(e.ext), ctx.mkGe(e.workload, ctx.mkInt(0))));
    out.add(ctx.mkImplies(e.node, knownNodeAddress(e)));
    if (!u.cluster.nodes().isEmpty()) {
      // A hostNetwork pod whose address the manifests do not give runs on one of the known nodes.
      for (int i = 0; i < u.workloads.size(); i++) {
        Workload w = u.workloads.get(i);
        if (w.hostNetwork() && w.podIps().isEmpty()) {
          out.add(ctx.mkImplies(isWorkload(e, i), knownNodeAddress(e)));
        }
      }
    }
    BoolExpr notHeld = notHeld(e);
    for (int i = 0; i < u.workloads.size(); i++) {
      Workload w = u.workloads.get(i);
      if (!w.podIps().isEmpty() && w.kind() != WorkloadKind.Pod) {
        out.add(ctx.mkImplies(isWorkload(e, i), or(w.podIps().stream().map(ip -> hasAddress(e, ip)).toList())));
      } else if (w.podIps().isEmpty() && !w.hostNetwork()) {
        // Not given by the manifests: an address no known pod or node holds.
        out.add(ctx.mkImplies(isWorkload(e, i), notHeld));
      }
    }
    for (int i = 0; i < u.newNamespaceIndex(); i++) {
      Optional<Namespace> implied = u.cluster.namespace(u.namespaceNames.get(i)).filter(n -> !n.declared());
      if (implied.isPresent()) {
        List<BoolExpr> facts = new ArrayList<>();
        e.nsLabels.forEach((k, v) -> facts.add(ctx.mkEq(v, ctx.mkInt(u.namespaceLabels.codeOf(k, implied.get().labels())))));
        out.add(ctx.mkImplies(ctx.mkEq(e.ns, ctx.mkInt(i)), and(facts)));
      }
    }
    return and(out);
  }

  /** The address of {@code e} is none that a known pod or node holds. */
  private BoolExpr notHeld(SymbolicEndpoint e) {
    return and(addressRules.held().stream().map(a -> ctx.mkNot(hasAddress(e, a))).toList());
  }

  /**
   * The stated pod network ({@code --pod-cidr}, Nodes' podCIDRs): a pod whose address the manifests do
   * not give has one inside it (a new pod, a workload of unknown address, a controller's pod in the
   * open world, where its snapshot addresses do not bind); an external address that is no known
   * node's lies outside it. Nothing when the pod network is not stated.
   */
  private List<BoolExpr> podNetwork(SymbolicEndpoint e, World world) {
    if (!addressRules.podNetworkStated()) {
      return List.of();
    }
    BoolExpr inside = or(addressRules.podNetwork().stream().map(c -> inCidr(e, c)).toList());
    List<BoolExpr> given = new ArrayList<>();
    for (int i = 0; i < u.workloads.size(); i++) {
      Workload w = u.workloads.get(i);
      boolean pinned = !w.podIps().isEmpty() && (w.kind() == WorkloadKind.Pod || world == World.CLOSED);
      if (w.hostNetwork() || pinned) {
        given.add(isWorkload(e, i));
      }
    }
    return List.of(
        ctx.mkImplies(ctx.mkAnd(ctx.mkNot(e.ext), ctx.mkNot(or(given))), inside),
        ctx.mkImplies(ctx.mkAnd(e.ext, ctx.mkNot(knownNodeAddress(e))), ctx.mkNot(inside)));
  }

  /**
   * Both ends in one existing namespace see the same namespace labels (they are one object, even
   * when its labels are unknown). Two ends in the "new" namespace may be two different new
   * namespaces, so they stay independent (the decoder names them apart).
   */
  BoolExpr sameNamespaceSameLabels(SymbolicEndpoint src, SymbolicEndpoint dst) {
    List<BoolExpr> equal = new ArrayList<>();
    src.nsLabels.forEach((k, v) -> equal.add(ctx.mkEq(v, dst.nsLabels.get(k))));
    return ctx.mkImplies(ctx.mkAnd(ctx.mkEq(src.ns, dst.ns), ctx.mkLt(src.ns, ctx.mkInt(u.newNamespaceIndex()))),
        and(equal));
  }

  BoolExpr isWorkload(SymbolicEndpoint e, int index) {
    return ctx.mkEq(e.workload, ctx.mkInt(index));
  }

  /** Built once per endpoint: peers ask for it many times. */
  BoolExpr hostNetwork(SymbolicEndpoint e) {
    return hostNetworkCache.computeIfAbsent(e, this::buildHostNetwork);
  }

  private BoolExpr buildHostNetwork(SymbolicEndpoint e) {
    List<BoolExpr> out = new ArrayList<>();
    for (int i = 0; i < u.workloads.size(); i++) {
      if (u.workloads.get(i).hostNetwork() && known.includes(i)) {
        out.add(isWorkload(e, i));
      }
    }
    return or(out);
  }

  /** A pod that policies can select and selectors can match. */
  BoolExpr governed(SymbolicEndpoint e) {
    return ctx.mkAnd(ctx.mkNot(e.ext), ctx.mkNot(hostNetwork(e)));
  }

  /**
   * Two ends of one connection are different endpoints: a bare Pod is one pod; two externals are no
   * cluster connection; and a controller's pod at one of its known addresses on both ends is one pod
   * talking to itself, which is not counted (its replicas have addresses of their own).
   */
  BoolExpr distinct(SymbolicEndpoint src, SymbolicEndpoint dst) {
    List<BoolExpr> out = new ArrayList<>();
    out.add(ctx.mkNot(ctx.mkAnd(src.ext, dst.ext)));
    for (int i = 0; i < u.workloads.size(); i++) {
      Workload w = u.workloads.get(i);
      if (!known.includes(i)) {
        continue;
      }
      if (w.kind() == WorkloadKind.Pod) {
        out.add(ctx.mkNot(ctx.mkAnd(isWorkload(src, i), isWorkload(dst, i))));
      } else if (!w.podIps().isEmpty()) {
        out.add(ctx.mkNot(ctx.mkAnd(isWorkload(src, i), isWorkload(dst, i), sameAddress(src, dst))));
      }
    }
    // Two pods of different workloads whose addresses the manifests do not give never share one.
    BoolExpr srcUnknown = unknownAddress(src);
    BoolExpr dstUnknown = unknownAddress(dst);
    if (!srcUnknown.isFalse()) {
      out.add(ctx.mkNot(ctx.mkAnd(srcUnknown, dstUnknown, ctx.mkNot(ctx.mkEq(src.workload, dst.workload)),
          sameAddress(src, dst))));
    }
    return and(out);
  }

  /** The end is a known pod-network workload whose address the manifests do not give. */
  private BoolExpr unknownAddress(SymbolicEndpoint e) {
    List<BoolExpr> out = new ArrayList<>();
    for (int i = 0; i < u.workloads.size(); i++) {
      Workload w = u.workloads.get(i);
      if (known.includes(i) && w.podIps().isEmpty() && !w.hostNetwork()) {
        out.add(isWorkload(e, i));
      }
    }
    return out.isEmpty() ? ctx.mkFalse() : ctx.mkAnd(ctx.mkNot(e.ext), or(out));
  }

  // ---- policy semantics ---------------------------------------------------------------------

  /** Source egress AND destination ingress admit the connection. */
  BoolExpr allowed(SymbolicConnection c) {
    BitSet all = new BitSet();
    all.set(0, u.newNamespaceIndex() + 1);
    return allowed(c, all, all);
  }

  /**
   * The same, knowing the namespaces each end may be in: a policy can only select pods of its own
   * namespace, so the policies of other namespaces cannot change either side and are left out.
   * Sound only when the query itself confines the ends to these namespaces.
   */
  BoolExpr allowed(SymbolicConnection c, BitSet srcNamespaces, BitSet dstNamespaces) {
    return ctx.mkAnd(
        sideAllows(Direction.EGRESS, c.src, c.dst, c.dst, c.protocol, c.port, srcNamespaces),
        sideAllows(Direction.INGRESS, c.dst, c.src, c.dst, c.protocol, c.port, dstNamespaces));
  }

  /**
   * One side: not a governed pod, or the tiers in order: the Admin-tier rules (ANPs and Admin CNPs) as
   * one first-match if-then-else chain (Allow = true, Deny = false, Pass = the NetworkPolicy tier), then
   * NetworkPolicy (isolated: some rule of some selecting policy admits it; policies are additive),
   * and for a pod no NetworkPolicy isolates the Baseline-tier chain (Pass = the default), else allowed.
   * Admin policies are cluster-scoped, so the namespace slice never filters them.
   */
  BoolExpr sideAllows(Direction d, SymbolicEndpoint self, SymbolicEndpoint peer, SymbolicEndpoint destination,
                      IntExpr protocol, BitVecExpr port, BitSet selfNamespaces) {
    List<BoolExpr> isolatedBy = new ArrayList<>();
    List<BoolExpr> admittedBy = new ArrayList<>();
    for (Policy p : u.cluster.policies()) {
      if (!p.isolates(d) || !selfNamespaces.get(u.namespaceIndex.get(p.namespace()))) {
        continue;
      }
      PolicyTerms terms = policyTerms.computeIfAbsent(new TermsKey(p, d, self, peer, destination),
          k -> policyTerms(p, d, self, peer, destination, protocol, port));
      isolatedBy.add(terms.selected());
      admittedBy.addAll(terms.admitted());
    }
    return tiers(d, self, peer, destination, protocol, port, or(isolatedBy), or(admittedBy));
  }

  /**
   * A side given its NetworkPolicy tier: {@code isolated} (some policy selects the pod for this
   * direction) and {@code admitted} (some rule of such a policy admits the connection).
   */
  private BoolExpr tiers(Direction d, SymbolicEndpoint self, SymbolicEndpoint peer, SymbolicEndpoint destination,
                         IntExpr protocol, BitVecExpr port, BoolExpr isolated, BoolExpr admitted) {
    if (u.cluster.adminPolicies().isEmpty()) { // NetworkPolicy alone: the formula as it always was
      return ctx.mkOr(ctx.mkNot(governed(self)), ctx.mkNot(isolated), admitted);
    }
    // Baseline Pass skips to the default tier, which allows, as does no match.
    BoolExpr baseline = adminChain(u.cluster.baselineTier(), d, self, peer, destination, protocol, port,
        ctx.mkTrue(), ctx.mkTrue());
    BoolExpr networkPolicy = (BoolExpr) ctx.mkITE(isolated, admitted, baseline);
    BoolExpr tiers = adminChain(u.cluster.adminTier(), d, self, peer, destination, protocol, port, networkPolicy,
        networkPolicy);
    return ctx.mkOr(ctx.mkNot(governed(self)), tiers);
  }

  /** One policy's part of a side: whether it selects the pod, and per rule, selected and admitting. */
  private record PolicyTerms(BoolExpr selected, List<BoolExpr> admitted) {
  }

  /** Policies and endpoints by identity: a policy record's own equals would compare every rule. */
  private record TermsKey(Policy policy, Direction direction, SymbolicEndpoint self, SymbolicEndpoint peer,
                          SymbolicEndpoint destination) {
    @Override
    public boolean equals(Object o) {
      return o instanceof TermsKey k && k.policy == policy && k.direction == direction && k.self == self
          && k.peer == peer && k.destination == destination;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(policy) * 31 + direction.hashCode() * 7 + System.identityHashCode(self);
    }
  }

  private PolicyTerms policyTerms(Policy p, Direction d, SymbolicEndpoint self, SymbolicEndpoint peer,
                                  SymbolicEndpoint destination, IntExpr protocol, BitVecExpr port) {
    BoolExpr selected = selects(p, self);
    List<BoolExpr> admitted = new ArrayList<>();
    for (Rule r : p.rules(d)) {
      admitted.add(ctx.mkAnd(selected, rule(p, r, peer, destination, protocol, port)));
    }
    return new PolicyTerms(selected, admitted);
  }

  /**
   * First match over {@code tier} (in order) and each policy's rules (in list order), built from the
   * last rule backwards: {@code ite(selected and rule matches, action, rest)}. {@code pass} is what a
   * Pass rule leads to, {@code otherwise} what no match leads to.
   */
  private BoolExpr adminChain(List<AdminPolicy> tier, Direction d, SymbolicEndpoint self, SymbolicEndpoint peer,
                              SymbolicEndpoint destination, IntExpr protocol, BitVecExpr port, BoolExpr pass,
                              BoolExpr otherwise) {
    BoolExpr out = otherwise;
    for (int i = tier.size() - 1; i >= 0; i--) {
      AdminPolicy p = tier.get(i);
      List<AdminRule> rules = p.rules(d);
      if (rules.isEmpty()) {
        continue;
      }
      BoolExpr chain = out;
      for (int j = rules.size() - 1; j >= 0; j--) {
        AdminRule r = rules.get(j);
        BoolExpr then = r.action() == AdminAction.ALLOW ? ctx.mkTrue()
            : r.action() == AdminAction.DENY ? ctx.mkFalse() : pass;
        BoolExpr matches = adminRule(r, peer, destination, protocol, port);
        // Tracked: a switched-off rule never matches (the chain falls through to the next one).
        matches = tracker == null ? matches : ctx.mkAnd(tracker.adminRule(p, r), matches);
        chain = (BoolExpr) ctx.mkITE(matches, then, chain);
      }
      BoolExpr subject = tracker == null ? selects(p, self) : ctx.mkAnd(tracker.admin(p), selects(p, self));
      out = (BoolExpr) ctx.mkITE(subject, chain, out);
    }
    return out;
  }

  /** The subject: namespace labels and pod labels (hostNetwork pods are excluded by governed()). */
  BoolExpr selects(AdminPolicy p, SymbolicEndpoint e) {
    return ctx.mkAnd(selector(p.subject().namespaceSelector(), e.nsLabels, u.namespaceLabels),
        selector(p.subject().podSelector(), e.podLabels, u.podLabels));
  }

  /** Some peer (ORed; none = no match) and the ports. Pod peers always carry a namespaceSelector. */
  BoolExpr adminRule(AdminRule r, SymbolicEndpoint peer, SymbolicEndpoint destination, IntExpr protocol,
                     BitVecExpr port) {
    BoolExpr peers = or(r.peers().stream().map(x -> peer(null, x, peer)).toList());
    return ctx.mkAnd(peers, ports(r.ports(), destination, protocol, port));
  }

  /** A policy selects pods of its own namespace that its podSelector matches. */
  BoolExpr selects(Policy p, SymbolicEndpoint e) {
    BoolExpr selects = ctx.mkAnd(ctx.mkEq(e.ns, ctx.mkInt(u.namespaceIndex.get(p.namespace()))),
        selector(p.podSelector(), e.podLabels, u.podLabels));
    // Tracked: a switched-off policy exists nowhere (it neither isolates nor admits).
    return tracker == null ? selects : ctx.mkAnd(tracker.policy(p), selects);
  }

  BoolExpr rule(Policy p, Rule r, SymbolicEndpoint peer, SymbolicEndpoint destination, IntExpr protocol,
                BitVecExpr port) {
    BoolExpr peers = r.allPeers() ? ctx.mkTrue() : or(r.peers().stream().map(x -> peer(p, x, peer)).toList());
    BoolExpr admits = ctx.mkAnd(peers, ports(r.ports(), destination, protocol, port));
    return tracker == null ? admits : ctx.mkAnd(tracker.rule(p, r), admits);
  }

  BoolExpr peer(Policy p, Peer peer, SymbolicEndpoint e) {
    return peer.accept(new Peer.Visitor<BoolExpr>() {
      @Override
      public BoolExpr pods(Peer.Pods x) {
        // No namespaceSelector: the policy's own namespace.
        BoolExpr namespace = x.namespaceSelector()
            .map(s -> selector(s, e.nsLabels, u.namespaceLabels))
            .orElseGet(() -> ctx.mkEq(e.ns, ctx.mkInt(u.namespaceIndex.get(p.namespace()))));
        BoolExpr pod = x.podSelector().map(s -> selector(s, e.podLabels, u.podLabels)).orElse(ctx.mkTrue());
        return ctx.mkAnd(governed(e), namespace, pod);
      }

      @Override
      public BoolExpr addresses(Peer.Addresses x) {
        // ext covers nodes' addresses too: an address peer looks at the address only.
        BoolExpr considered = options.ipBlockMatchesPods() ? ctx.mkTrue() : ctx.mkOr(e.ext, hostNetwork(e));
        return ctx.mkAnd(considered, inBlock(e, x.block()));
      }

      @Override
      public BoolExpr nodes(Peer.Nodes x) {
        return node(x.selector(), e);
      }
    });
  }

  /**
   * A node's address whose node labels {@code selector} matches: an external address or a hostNetwork
   * pod on that node (never a pod of the pod network).
   */
  BoolExpr node(LabelSelector selector, SymbolicEndpoint e) {
    return ctx.mkAnd(e.node, selector(selector, e.nodeLabels, u.nodeLabels));
  }

  /** The connection's destination port and protocol meet some of {@code entries} (see below). */
  BoolExpr ports(List<PolicyPort> entries, SymbolicConnection c) {
    return ports(entries, c.dst, c.protocol, c.port);
  }

  /** Port entries are ORed; none means every port of every protocol. */
  BoolExpr ports(List<PolicyPort> entries, SymbolicEndpoint destination, IntExpr protocol, BitVecExpr port) {
    if (entries.isEmpty()) {
      return ctx.mkTrue();
    }
    List<BoolExpr> out = new ArrayList<>();
    for (PolicyPort pp : entries) {
      BoolExpr proto = SymbolicConnection.protocolIs(ctx, protocol, pp.protocol());
      out.add(pp.spec().accept(new PortSpec.Visitor<BoolExpr>() {
        @Override
        public BoolExpr anyPort(PortSpec.AnyPort spec) {
          return proto;
        }

        @Override
        public BoolExpr range(PortSpec.Range r) {
          return ctx.mkAnd(proto, ctx.mkBVUGE(port, ctx.mkBV(r.first(), 16)), ctx.mkBVULE(port, ctx.mkBV(r.last(), 16)));
        }

        @Override
        public BoolExpr named(PortSpec.Named n) {
          return ctx.mkAnd(proto, namedPort(destination, n.name(), pp.protocol(), port));
        }
      }));
    }
    return or(out);
  }

  /**
   * The destination defines a container port named {@code name} with {@code protocol} and number
   * {@code port}: a known workload if any of its containers does (names are unique per container,
   * not per pod), a hypothetical pod through its own variables; never an external address.
   */
  BoolExpr namedPort(SymbolicEndpoint destination, String name, Protocol protocol, BitVecExpr port) {
    // One term per name, shared by every rule that uses it: the workload disjunction is long.
    return namedPortCache.computeIfAbsent(List.of(destination, name, protocol, port),
        k -> buildNamedPort(destination, name, protocol, port));
  }

  private BoolExpr buildNamedPort(SymbolicEndpoint destination, String name, Protocol protocol,
                                  BitVecExpr port) {
    SymbolicEndpoint.NamedPortVars v = destination.namedPorts.get(new SymbolicEndpoint.NamedPortKey(name, protocol));
    List<BoolExpr> ways = new ArrayList<>();
    ways.add(ctx.mkAnd(isWorkload(destination, -1), v.defined(), ctx.mkEq(v.port(), port)));
    for (int i = 0; i < u.workloads.size(); i++) {
      if (!known.includes(i)) {
        continue;
      }
      List<BoolExpr> numbers = new ArrayList<>();
      for (ContainerPort cp : u.workloads.get(i).ports()) {
        if (cp.protocol() == protocol && cp.name().filter(name::equals).isPresent()) {
          numbers.add(ctx.mkEq(port, ctx.mkBV(cp.port(), 16)));
        }
      }
      if (!numbers.isEmpty()) {
        ways.add(ctx.mkAnd(isWorkload(destination, i), or(numbers)));
      }
    }
    return ctx.mkAnd(ctx.mkNot(destination.ext), or(ways));
  }

  /** matchLabels AND matchExpressions over label codes; NotIn/DoesNotExist hold for an absent key. */
  BoolExpr selector(LabelSelector s, Map<String, IntExpr> vars, ValueDomain domain) {
    List<BoolExpr> out = new ArrayList<>();
    s.matchLabels().forEach((k, v) -> out.add(ctx.mkEq(vars.get(k), ctx.mkInt(domain.code(k, v)))));
    for (SelectorRequirement r : s.matchExpressions()) {
      IntExpr x = vars.get(r.key());
      switch (r.operator()) {
        case In -> out.add(or(r.values().stream().map(v -> ctx.mkEq(x, ctx.mkInt(domain.code(r.key(), v))))
            .map(BoolExpr.class::cast).toList()));
        case NotIn -> r.values().forEach(v -> out.add(ctx.mkNot(ctx.mkEq(x, ctx.mkInt(domain.code(r.key(), v))))));
        case Exists -> out.add(ctx.mkNot(ctx.mkEq(x, ctx.mkInt(ValueDomain.ABSENT))));
        case DoesNotExist -> out.add(ctx.mkEq(x, ctx.mkInt(ValueDomain.ABSENT)));
        default -> throw new IllegalStateException(r.operator().toString());
      }
    }
    return and(out);
  }

  // ---- addresses ----------------------------------------------------------------------------

  BoolExpr inBlock(SymbolicEndpoint e, IpBlock block) {
    List<BoolExpr> out = new ArrayList<>();
    out.add(inCidr(e, block.cidr()));
    block.except().forEach(x -> out.add(ctx.mkNot(inCidr(e, x))));
    return and(out);
  }

  /** A masked compare: the top {@code prefix} bits equal the block's, in the block's family. */
  BoolExpr inCidr(SymbolicEndpoint e, Cidr c) {
    BoolExpr family = c.v6() ? e.v6 : ctx.mkNot(e.v6);
    if (c.prefix() == 0) {
      return family;
    }
    BitVecExpr ip = c.v6() ? e.ip6 : e.ip4;
    int bits = c.bits();
    BigInteger high = c.base().shiftRight(bits - c.prefix());
    return ctx.mkAnd(family, ctx.mkEq(ctx.mkExtract(bits - 1, bits - c.prefix(), ip),
        ctx.mkBV(high.toString(), c.prefix())));
  }

  BoolExpr hasAddress(SymbolicEndpoint e, IpAddress a) {
    return hasAddress(ctx, e, a);
  }

  /** Both ends have one address: the same family and the same bits. */
  BoolExpr sameAddress(SymbolicEndpoint a, SymbolicEndpoint b) {
    return ctx.mkAnd(ctx.mkEq(a.v6, b.v6),
        (BoolExpr) ctx.mkITE(a.v6, ctx.mkEq(a.ip6, b.ip6), ctx.mkEq(a.ip4, b.ip4)));
  }

  static BoolExpr hasAddress(Context ctx, SymbolicEndpoint e, IpAddress a) {
    return a.v6()
        ? ctx.mkAnd(e.v6, ctx.mkEq(e.ip6, ctx.mkBV(a.value().toString(), 128)))
        : ctx.mkAnd(ctx.mkNot(e.v6), ctx.mkEq(e.ip4, ctx.mkBV(a.value().toString(), 32)));
  }

  // ---- smart constructors: and() of nothing is true, or() of nothing is false ----------------

  BoolExpr and(List<BoolExpr> xs) {
    return xs.isEmpty() ? ctx.mkTrue() : xs.size() == 1 ? xs.get(0) : ctx.mkAnd(xs.toArray(new BoolExpr[0]));
  }

  BoolExpr or(List<BoolExpr> xs) {
    return xs.isEmpty() ? ctx.mkFalse() : xs.size() == 1 ? xs.get(0) : ctx.mkOr(xs.toArray(new BoolExpr[0]));
  }

  ImmutableList<BoolExpr> list(BoolExpr... xs) {
    return ImmutableList.copyOf(xs);
  }
}
