package dev.npv.smt;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.SeqSort;
import dev.npv.model.CalicoAction;
import dev.npv.model.CalicoEntityRule;
import dev.npv.model.CalicoNetworkSet;
import dev.npv.model.CalicoPolicy;
import dev.npv.model.CalicoPort;
import dev.npv.model.CalicoRule;
import dev.npv.model.CalicoSelector;
import dev.npv.model.CalicoTier;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.KubernetesAsCalico;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calico's policy decision as a formula over symbolic endpoints (the second implementation, written from
 * Calico's policy and tier reference, not from {@code eval.CalicoEvaluator}; not wired into the sessions
 * yet). For one side (the source's egress or the destination's ingress), {@link #allows} is true iff
 * the walk over the tiers allows: a tier whose policies all fail to select the endpoint is skipped;
 * otherwise the first rule (by policy order, then name, then rule order) that matches with Allow or Deny
 * decides, Pass continues with the next tier and Log with the next rule; a tier with a selecting policy
 * and no deciding rule ends with its defaultAction (Deny, or Pass); after the last tier the namespace
 * profile allows. Kubernetes NetworkPolicies take part as Calico converts them (default tier, order
 * 1000). Labels are Z3 strings ({@link CalicoSelectorEncoder}); addresses {@code BitVec(32)} with CIDRs
 * as masked compares; ports {@code BitVec(16)}; the protocol an IANA number.
 *
 * <p>Scope, checked by {@link #unsupported}: IPv4 only; no rule criteria npv cannot decide at L3/L4
 * (service accounts, source ports, icmp, http, services, serviceAccountSelector); no hostNetwork own
 * endpoint (a Calico host endpoint). A cluster outside it gets no formula, never an approximate one.
 */
final class CalicoEncoder {
  /** One symbolic end of a connection. Named ports: per (name, protocol), whether the pod has it and its number. */
  static final class End {
    final BoolExpr isPod;
    final Expr<SeqSort<CharSort>> namespace;
    final CalicoSelectorEncoder.SymbolicLabels labels;
    final CalicoSelectorEncoder.SymbolicLabels namespaceLabels;
    final BitVecExpr ip;
    private final Context ctx;
    private final String name;
    private final Map<String, BoolExpr> hasNamed = new HashMap<>();
    private final Map<String, BitVecExpr> namedPort = new HashMap<>();

    End(Context ctx, String name) {
      this.ctx = ctx;
      this.name = name;
      this.isPod = ctx.mkBoolConst(name + ".isPod");
      this.namespace = ctx.mkConst(name + ".ns", ctx.getStringSort());
      this.labels = new CalicoSelectorEncoder.SymbolicLabels(ctx, name);
      this.namespaceLabels = new CalicoSelectorEncoder.SymbolicLabels(ctx, name + ".nsLabels");
      this.ip = ctx.mkBVConst(name + ".ip", 32);
    }

    BoolExpr hasNamed(String port, int protocol) {
      return hasNamed.computeIfAbsent(port + "/" + protocol, k -> ctx.mkBoolConst(name + ".hasPort[" + k + "]"));
    }

    /** The (name/protocol) keys of the named ports used so far. */
    Iterable<String> namedKeys() {
      return hasNamed.keySet();
    }

    BoolExpr hasNamedKey(String key) {
      return hasNamed.get(key);
    }

    BitVecExpr namedPortKey(String key) {
      return namedPort.get(key);
    }

    BitVecExpr namedPort(String port, int protocol) {
      return namedPort.computeIfAbsent(port + "/" + protocol, k -> ctx.mkBVConst(name + ".port[" + k + "]", 16));
    }
  }

  private static final String NAMESPACE_PREFIX = "pcns.";

  private final Context ctx;
  private final Cluster cluster;
  private final CalicoSelectorEncoder selectors;
  private final List<CalicoTier> tiers = new ArrayList<>();
  private final List<List<CalicoPolicy>> tierPolicies = new ArrayList<>();

  CalicoEncoder(Context ctx, Cluster cluster) {
    this.ctx = ctx;
    this.cluster = cluster;
    this.selectors = new CalicoSelectorEncoder(ctx);
    List<CalicoPolicy> all = new ArrayList<>(cluster.calico().policies());
    cluster.policies().forEach(p -> all.add(KubernetesAsCalico.convert(p)));
    List<CalicoTier> ts = new ArrayList<>(cluster.calico().tiers());
    if (!cluster.policies().isEmpty() && ts.stream().noneMatch(t -> t.name().equals(CalicoTier.DEFAULT))) {
      ts.add(CalicoTier.implicitDefault());
    }
    ts.sort(CalicoTier.ORDER);
    for (CalicoTier t : ts) {
      tiers.add(t);
      tierPolicies.add(all.stream().filter(p -> p.tier().equals(t.name())).sorted(CalicoPolicy.ORDER).toList());
    }
  }

  /** Why the cluster is outside the encoder's exact scope, if it is. */
  Optional<String> unsupported() {
    if (!cluster.adminPolicies().isEmpty()) {
      return Optional.of("admin network policies under Calico");
    }
    for (List<CalicoPolicy> ps : tierPolicies) {
      for (CalicoPolicy p : ps) {
        if (p.serviceAccountSelector().isPresent() || serviceAccountKeys(p.selector())) {
          return Optional.of(p + " selects by service account");
        }
        for (Direction d : Direction.values()) {
          for (CalicoRule r : p.rules(d)) {
            if (!r.unmodelled().isEmpty() || !r.source().ports().isEmpty() || !r.source().notPorts().isEmpty()
                || hasServiceAccounts(r.source()) || hasServiceAccounts(r.destination())
                || serviceAccountKeys(r.source()) || serviceAccountKeys(r.destination())
                || r.ipVersion().filter(v -> v == 6).isPresent() || v6(r.source()) || v6(r.destination())) {
              return Optional.of(p + " " + r + " uses a criterion outside the encoder's scope");
            }
          }
        }
      }
    }
    if (cluster.calico().networkSets().stream().anyMatch(s -> s.nets().stream().anyMatch(Cidr::v6))) {
      return Optional.of("an IPv6 network set");
    }
    return Optional.empty();
  }

  private static boolean hasServiceAccounts(CalicoEntityRule e) {
    return !e.serviceAccountNames().isEmpty() || e.serviceAccountSelector().isPresent();
  }

  private static boolean v6(CalicoEntityRule e) {
    return e.nets().stream().anyMatch(Cidr::v6) || e.notNets().stream().anyMatch(Cidr::v6);
  }

  /** Whether the side of {@code own} allows a connection src -> dst on {@code protocol}/{@code port}. */
  BoolExpr allows(Direction d, End src, End dst, IntExpr protocol, BitVecExpr port) {
    End own = d == Direction.EGRESS ? src : dst;
    // An address outside the pod network has no Calico policy of its own.
    return ctx.mkOr(ctx.mkNot(own.isPod), tier(0, d, own, src, dst, protocol, port));
  }

  private BoolExpr tier(int t, Direction d, End own, End src, End dst, IntExpr protocol, BitVecExpr port) {
    if (t == tiers.size()) {
      return ctx.mkTrue(); // the namespace profile kns.<namespace> allows
    }
    BoolExpr next = tier(t + 1, d, own, src, dst, protocol, port);
    List<CalicoPolicy> ps = tierPolicies.get(t);
    List<BoolExpr> selecting = new ArrayList<>();
    List<BoolExpr> guards = new ArrayList<>();
    List<BoolExpr> results = new ArrayList<>();
    for (CalicoPolicy p : ps) {
      if (!p.types().contains(d)) {
        continue;
      }
      BoolExpr selects = selectsOwn(p, own);
      selecting.add(selects);
      for (CalicoRule r : p.rules(d)) {
        if (r.action() == CalicoAction.LOG) {
          continue; // matches and goes on: no effect on the decision
        }
        guards.add(ctx.mkAnd(selects, rule(r, p, src, dst, protocol, port)));
        results.add(switch (r.action()) {
          case ALLOW -> ctx.mkTrue();
          case DENY -> ctx.mkFalse();
          default -> next; // PASS
        });
      }
    }
    BoolExpr acc = tiers.get(t).defaultAction() == CalicoAction.PASS ? next : ctx.mkFalse();
    for (int i = guards.size() - 1; i >= 0; i--) {
      acc = (BoolExpr) ctx.mkITE(guards.get(i), results.get(i), acc);
    }
    BoolExpr any = ctx.mkOr(selecting.toArray(BoolExpr[]::new));
    return (BoolExpr) ctx.mkITE(any, acc, next);
  }

  /**
   * Calico's labels of a pod: its own, projectcalico.org/namespace, projectcalico.org/orchestrator, and
   * its namespace's labels as pcns.* (the kns.<namespace> profile's labels).
   */
  private CalicoSelectorEncoder.LabelView podView(End e) {
    CalicoSelectorEncoder.LabelView ns = namespaceView(e);
    return new CalicoSelectorEncoder.LabelView() {
      @Override
      public BoolExpr present(String key) {
        if (key.startsWith(NAMESPACE_PREFIX)) {
          return ns.present(key.substring(NAMESPACE_PREFIX.length()));
        }
        return key.equals("projectcalico.org/namespace") || key.equals(KubernetesAsCalico.ORCHESTRATOR_LABEL)
            ? ctx.mkTrue() : e.labels.present(key);
      }

      @Override
      public Expr<SeqSort<CharSort>> value(String key) {
        if (key.startsWith(NAMESPACE_PREFIX)) {
          return ns.value(key.substring(NAMESPACE_PREFIX.length()));
        }
        return key.equals("projectcalico.org/namespace") ? e.namespace
            : key.equals(KubernetesAsCalico.ORCHESTRATOR_LABEL) ? ctx.mkString("k8s") : e.labels.value(key);
      }
    };
  }

  /** Whether a selector looks at a pod's service account (pcsa.* or its name), which the manifests do not give. */
  private static boolean serviceAccountKeys(CalicoSelector s) {
    return s.keys().stream().anyMatch(k -> k.startsWith("pcsa.") || k.equals("projectcalico.org/serviceaccount"));
  }

  private static boolean serviceAccountKeys(CalicoEntityRule e) {
    return e.selector().filter(CalicoEncoder::serviceAccountKeys).isPresent()
        || e.notSelector().filter(CalicoEncoder::serviceAccountKeys).isPresent();
  }

  /** A namespace's labels plus projectcalico.org/name. */
  private CalicoSelectorEncoder.LabelView namespaceView(End e) {
    return new CalicoSelectorEncoder.LabelView() {
      @Override
      public BoolExpr present(String key) {
        return key.equals("projectcalico.org/name") ? ctx.mkTrue() : e.namespaceLabels.present(key);
      }

      @Override
      public Expr<SeqSort<CharSort>> value(String key) {
        return key.equals("projectcalico.org/name") ? e.namespace : e.namespaceLabels.value(key);
      }
    };
  }

  private BoolExpr selectsOwn(CalicoPolicy p, End own) {
    List<BoolExpr> c = new ArrayList<>();
    p.namespace().ifPresent(ns -> c.add(ctx.mkEq(own.namespace, ctx.mkString(ns))));
    p.namespaceSelector().ifPresent(s -> c.add(selectors.encode(s, namespaceView(own))));
    c.add(selectors.encode(p.selector(), podView(own)));
    return ctx.mkAnd(c.toArray(BoolExpr[]::new));
  }

  private BoolExpr rule(CalicoRule r, CalicoPolicy p, End src, End dst, IntExpr protocol, BitVecExpr port) {
    List<BoolExpr> c = new ArrayList<>();
    r.protocol().ifPresent(x -> c.add(ctx.mkEq(protocol, ctx.mkInt(x.number()))));
    r.notProtocol().ifPresent(x -> c.add(ctx.mkNot(ctx.mkEq(protocol, ctx.mkInt(x.number())))));
    // IPv4 only (see unsupported): ipVersion 4 always holds.
    c.add(entity(r.source(), p, src, Optional.empty(), protocol));
    c.add(entity(r.destination(), p, dst, Optional.of(port), protocol));
    return ctx.mkAnd(c.toArray(BoolExpr[]::new));
  }

  private BoolExpr entity(CalicoEntityRule e, CalicoPolicy p, End end, Optional<BitVecExpr> port, IntExpr protocol) {
    List<BoolExpr> c = new ArrayList<>();
    if (!e.nets().isEmpty()) {
      c.add(ctx.mkOr(e.nets().stream().map(n -> in(end.ip, n)).toArray(BoolExpr[]::new)));
    }
    if (!e.notNets().isEmpty()) {
      c.add(ctx.mkNot(ctx.mkOr(e.notNets().stream().map(n -> in(end.ip, n)).toArray(BoolExpr[]::new))));
    }
    if (e.selector().isPresent() || e.namespaceSelector().isPresent()) {
      c.add(selects(e.selector().orElse(CalicoSelector.ALL), e.namespaceSelector(), p, end));
    }
    e.notSelector().ifPresent(s -> c.add(ctx.mkNot(selects(s, e.namespaceSelector(), p, end))));
    if (port.isPresent() && !e.ports().isEmpty()) {
      c.add(ports(e.ports(), port.get(), end, protocol));
    }
    if (port.isPresent() && !e.notPorts().isEmpty()) {
      c.add(ctx.mkNot(ports(e.notPorts(), port.get(), end, protocol)));
    }
    return ctx.mkAnd(c.toArray(BoolExpr[]::new));
  }

  private BoolExpr ports(List<CalicoPort> ports, BitVecExpr port, End end, IntExpr protocol) {
    List<BoolExpr> any = new ArrayList<>();
    for (CalicoPort cp : ports) {
      if (cp instanceof CalicoPort.Range r) {
        any.add(ctx.mkAnd(ctx.mkBVULE(ctx.mkBV(r.min(), 16), port), ctx.mkBVULE(port, ctx.mkBV(r.max(), 16))));
      } else if (cp instanceof CalicoPort.Named n) {
        for (int proto : new int[] {6, 17, 132}) { // a named port resolves on the connection's protocol
          any.add(ctx.mkAnd(end.isPod, ctx.mkEq(protocol, ctx.mkInt(proto)), end.hasNamed(n.name(), proto),
              ctx.mkEq(port, end.namedPort(n.name(), proto))));
        }
      }
    }
    return ctx.mkOr(any.toArray(BoolExpr[]::new));
  }

  private BoolExpr in(BitVecExpr ip, Cidr c) {
    long mask = c.prefix() == 0 ? 0 : (0xFFFFFFFFL << (32 - c.prefix())) & 0xFFFFFFFFL;
    return ctx.mkEq(ctx.mkBVAND(ip, ctx.mkBV(mask, 32)), ctx.mkBV(c.base().longValue() & mask, 32));
  }

  /** A rule selector: pods in scope with matching labels, or an address in a matching network set. */
  private BoolExpr selects(CalicoSelector s, Optional<CalicoSelector> namespaceSelector, CalicoPolicy p, End end) {
    boolean globalScope = namespaceSelector.filter(x -> x instanceof CalicoSelector.Global).isPresent();
    List<BoolExpr> any = new ArrayList<>();
    if (!globalScope) {
      BoolExpr scope = namespaceSelector.map(ns -> selectors.encode(ns, namespaceView(end)))
          .orElse(p.global() ? ctx.mkTrue() : ctx.mkEq(end.namespace, ctx.mkString(p.namespace().get())));
      any.add(ctx.mkAnd(end.isPod, scope, selectors.encode(s, podView(end))));
    }
    for (CalicoNetworkSet set : cluster.calico().networkSets()) {
      if (setInScope(set, namespaceSelector, p, globalScope) && s.matches(setLabels(set))) {
        any.add(ctx.mkOr(set.nets().stream().map(n -> in(end.ip, n)).toArray(BoolExpr[]::new)));
      }
    }
    return ctx.mkOr(any.toArray(BoolExpr[]::new));
  }

  /** Which sets a rule's selector may pick (known objects: decided here, not by the solver). */
  private boolean setInScope(CalicoNetworkSet s, Optional<CalicoSelector> namespaceSelector, CalicoPolicy p,
                             boolean globalScope) {
    if (s.global()) {
      return globalScope || namespaceSelector.isEmpty() && p.global();
    }
    if (globalScope) {
      return false;
    }
    String ns = s.namespace().get();
    if (namespaceSelector.isPresent()) {
      Map<String, String> labels = new HashMap<>(cluster.namespace(ns).map(n -> (Map<String, String>) n.labels())
          .orElse(Map.of()));
      labels.put("projectcalico.org/name", ns);
      return namespaceSelector.get().matches(labels);
    }
    return p.global() || p.namespace().get().equals(ns);
  }

  private static Map<String, String> setLabels(CalicoNetworkSet s) {
    Map<String, String> out = new HashMap<>(s.labels());
    s.namespace().ifPresent(n -> out.put("projectcalico.org/namespace", n));
    return out;
  }
}
