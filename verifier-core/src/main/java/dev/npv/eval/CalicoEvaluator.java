package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.eval.Endpoint.External;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.CalicoAction;
import dev.npv.model.CalicoEntityRule;
import dev.npv.model.CalicoNetworkSet;
import dev.npv.model.CalicoPolicy;
import dev.npv.model.CalicoPort;
import dev.npv.model.CalicoProtocol;
import dev.npv.model.CalicoResources;
import dev.npv.model.CalicoRule;
import dev.npv.model.CalicoSelector;
import dev.npv.model.CalicoTier;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.KubernetesAsCalico;
import dev.npv.model.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calico's policy semantics for one concrete connection, in plain Java (the reference for
 * {@code --cni calico}; not wired into the verifier yet). Each side is decided on its own endpoint (the
 * source's egress, the destination's ingress) by walking the tiers in order (Calico's "Get started with
 * policy tiers" and felix's rule renderer):
 * <ol>
 *   <li>a tier none of whose policies applies to the endpoint for that direction is skipped;</li>
 *   <li>otherwise its applying policies go by order (omitted: last) then name, their rules in order: the
 *       first matching rule with action Allow or Deny decides, Pass goes to the next tier, Log goes on;</li>
 *   <li>a tier with applying policies where no rule decided ends with its {@code defaultAction}: Deny,
 *       or Pass to the next tier;</li>
 *   <li>after the last tier (every tier skipped or passed), the namespace profile Calico gives every
 *       Kubernetes pod ({@code kns.<namespace>}) allows.</li>
 * </ol>
 * Kubernetes NetworkPolicies take part as Calico converts them ({@link KubernetesAsCalico}: default tier,
 * order 1000). Endpoint labels are the pod's plus {@code projectcalico.org/namespace},
 * {@code projectcalico.org/orchestrator: k8s} and the namespace's labels as {@code pcns.*}; namespace
 * labels add {@code projectcalico.org/name}; service-account labels ({@code pcsa.*},
 * {@code projectcalico.org/serviceaccount}) are not in the manifests, so selectors on them are MAYBE.
 * Rule selectors also match addresses of the NetworkSets and GlobalNetworkSets they select.
 *
 * <p>Sound by construction: what a rule or policy could depend on but the manifests do not give (a
 * pod's service account, the packet's source port, ICMP/HTTP fields, Services, a pod's unknown address)
 * makes that match MAYBE, and a decision that a MAYBE could change is UNKNOWN, never a guess. Admin
 * network policies under Calico, and hostNetwork pods (host endpoints), are UNKNOWN as well.
 */
public final class CalicoEvaluator {
  public static final String NAMESPACE_LABEL = "projectcalico.org/namespace";
  public static final String NAME_LABEL = "projectcalico.org/name";
  public static final String SERVICE_ACCOUNT_LABEL = "projectcalico.org/serviceaccount";
  /** Namespace labels reach a pod's labels with this prefix (the kns.<namespace> profile's labels). */
  public static final String NAMESPACE_PREFIX = "pcns.";
  /** Service-account labels reach a pod's labels with this prefix (the ksa profile); the manifests do not give them. */
  public static final String SERVICE_ACCOUNT_PREFIX = "pcsa.";

  private final Cluster cluster;
  private final ImmutableList<CalicoTier> tiers;
  /** Per tier (same index), its policies in order: Calico's and the converted Kubernetes ones. */
  private final ImmutableList<ImmutableList<CalicoPolicy>> tierPolicies;
  private final ImmutableList<CalicoNetworkSet> networkSets;

  public CalicoEvaluator(Cluster cluster) {
    this.cluster = cluster;
    CalicoResources calico = cluster.calico();
    List<CalicoTier> ts = new ArrayList<>(calico.tiers());
    if (!cluster.policies().isEmpty() && calico.tier(CalicoTier.DEFAULT).isEmpty()) {
      ts.add(CalicoTier.implicitDefault());
    }
    ts.sort(CalicoTier.ORDER);
    this.tiers = ImmutableList.copyOf(ts);
    List<CalicoPolicy> all = new ArrayList<>(calico.policies());
    for (Policy p : cluster.policies()) {
      all.add(KubernetesAsCalico.convert(p));
    }
    ImmutableList.Builder<ImmutableList<CalicoPolicy>> per = ImmutableList.builder();
    for (CalicoTier t : tiers) {
      per.add(all.stream().filter(p -> p.tier().equals(t.name())).sorted(CalicoPolicy.ORDER)
          .collect(ImmutableList.toImmutableList()));
    }
    this.tierPolicies = per.build();
    this.networkSets = calico.networkSets();
  }

  /** Allowed only if the source's egress and the destination's ingress both allow. */
  public CalicoDecision decide(Connection c) {
    if (!cluster.adminPolicies().isEmpty()) {
      return CalicoDecision.unknown("admin network policies under Calico (its adminnetworkpolicy tiers) are not"
          + " modelled");
    }
    CalicoDecision egress = side(c, Direction.EGRESS);
    if (egress.verdict() == CalicoDecision.Verdict.DENY) {
      return egress;
    }
    CalicoDecision ingress = side(c, Direction.INGRESS);
    if (ingress.verdict() == CalicoDecision.Verdict.DENY || egress.verdict() == CalicoDecision.Verdict.ALLOW) {
      return ingress;
    }
    return egress; // egress UNKNOWN, ingress ALLOW or UNKNOWN
  }

  /** The decision of the side's own endpoint: the source for egress, the destination for ingress. */
  public CalicoDecision side(Connection c, Direction d) {
    Endpoint own = d == Direction.EGRESS ? c.src() : c.dst();
    if (own instanceof External) {
      return CalicoDecision.allow("no Calico policy applies to an address outside the pod network");
    }
    PodEndpoint pod = (PodEndpoint) own;
    if (pod.hostNetwork()) {
      return CalicoDecision.unknown("a hostNetwork pod is a Calico host endpoint, which npv does not model");
    }
    return new Walk(c, d, pod).from(0);
  }

  /**
   * One side's walk. A rule that may or may not match (MAYBE) forks: the decision stands when both
   * branches reach the same verdict, else it is UNKNOWN. Each tier's outcome is computed once, so the
   * forks cost one pass per tier.
   */
  private final class Walk {
    private final Connection c;
    private final Direction d;
    private final PodEndpoint pod;
    private final Map<Integer, CalicoDecision> fromTier = new HashMap<>();

    Walk(Connection c, Direction d, PodEndpoint pod) {
      this.c = c;
      this.d = d;
      this.pod = pod;
    }

    /** The outcome from tier {@code t} on. */
    CalicoDecision from(int t) {
      CalicoDecision known = fromTier.get(t);
      if (known == null) {
        known = tier(t);
        fromTier.put(t, known);
      }
      return known;
    }

    private CalicoDecision tier(int t) {
      if (t == tiers.size()) {
        return CalicoDecision.allow("profile kns." + pod.namespace() + " (no tier decided)");
      }
      List<CalicoPolicy> applying = new ArrayList<>();
      for (CalicoPolicy p : tierPolicies.get(t)) {
        Tri applies = applies(p, d, pod);
        if (applies == Tri.MAYBE) {
          return CalicoDecision.unknown(policyName(p) + " may or may not select " + pod.display()
              + " (it depends on the pod's service account, which the manifests do not give)");
        }
        if (applies == Tri.YES) {
          applying.add(p);
        }
      }
      if (applying.isEmpty()) {
        return from(t + 1);
      }
      List<CalicoPolicy> owners = new ArrayList<>();
      List<CalicoRule> rules = new ArrayList<>();
      for (CalicoPolicy p : applying) {
        for (CalicoRule r : p.rules(d)) {
          owners.add(p);
          rules.add(r);
        }
      }
      return rule(t, applying, owners, rules, 0);
    }

    /** The outcome of tier {@code t} from its {@code i}-th rule (in policy order, then rule order) on. */
    private CalicoDecision rule(int t, List<CalicoPolicy> applying, List<CalicoPolicy> owners, List<CalicoRule> rules,
                                int i) {
      CalicoTier tier = tiers.get(t);
      if (i == rules.size()) {
        return tier.defaultAction() == CalicoAction.PASS ? from(t + 1)
            : CalicoDecision.deny("[tier " + tier.name() + "] end of tier: selected by " + policyName(applying.get(0))
                + (applying.size() > 1 ? " and " + (applying.size() - 1) + " more" : "") + ", no rule matched"
                + " (defaultAction Deny)");
      }
      CalicoRule r = rules.get(i);
      CalicoPolicy p = owners.get(i);
      Tri m = matches(r, p, c);
      if (m == Tri.NO || r.action() == CalicoAction.LOG) {
        return rule(t, applying, owners, rules, i + 1);
      }
      String step = "[tier " + tier.name() + "] " + policyName(p) + " order " + p.order().map(String::valueOf)
          .orElse("none") + " " + r;
      CalicoDecision taken = switch (r.action()) {
        case ALLOW -> CalicoDecision.allow(step);
        case DENY -> CalicoDecision.deny(step);
        default -> from(t + 1); // PASS
      };
      if (m == Tri.YES) {
        return taken;
      }
      CalicoDecision rest = rule(t, applying, owners, rules, i + 1);
      if (taken.verdict() == rest.verdict() && taken.verdict() != CalicoDecision.Verdict.UNKNOWN) {
        return new CalicoDecision(taken.verdict(), taken.step() + " or, if it does not match, " + rest.step(),
            Optional.empty());
      }
      return CalicoDecision.unknown(step + " may or may not match: " + maybeReason(r));
    }
  }

  private static String maybeReason(CalicoRule r) {
    return r.unmodelled().isEmpty() ? "it depends on a service account, a source port or an unknown pod address"
        : "it matches on " + String.join(", ", r.unmodelled()) + ", which npv does not model";
  }

  private static String policyName(CalicoPolicy p) {
    return p.global() ? "GlobalNetworkPolicy " + p.name() : "NetworkPolicy " + p.namespace().get() + "/" + p.name();
  }

  private Tri applies(CalicoPolicy p, Direction d, PodEndpoint pod) {
    if (!p.types().contains(d)) {
      return Tri.NO;
    }
    if (p.namespace().isPresent() && !p.namespace().get().equals(pod.namespace())) {
      return Tri.NO;
    }
    Tri ns = p.namespaceSelector().map(s -> CalicoSelectorMatch.match(s, namespaceLabels(pod), Set.of()))
        .orElse(Tri.YES);
    Tri sel = CalicoSelectorMatch.match(p.selector(), podLabels(pod), unknownPodKeys(p.selector()));
    Tri sa = p.serviceAccountSelector().isPresent() ? Tri.MAYBE : Tri.YES;
    return ns.and(sel).and(sa);
  }

  /**
   * A pod's labels as Calico selectors see them: its own, projectcalico.org/namespace and
   * projectcalico.org/orchestrator, and its namespace's labels as pcns.* (with pcns.projectcalico.org/name).
   */
  private static Map<String, String> podLabels(PodEndpoint pod) {
    Map<String, String> out = new HashMap<>(pod.labels());
    out.put(NAMESPACE_LABEL, pod.namespace());
    out.put(KubernetesAsCalico.ORCHESTRATOR_LABEL, "k8s");
    namespaceLabels(pod).forEach((k, v) -> out.put(NAMESPACE_PREFIX + k, v));
    return out;
  }

  /** The keys of a selector a pod's manifests cannot answer: its service account's name and labels. */
  private static Set<String> unknownPodKeys(CalicoSelector s) {
    return s.keys().stream().filter(k -> k.equals(SERVICE_ACCOUNT_LABEL) || k.startsWith(SERVICE_ACCOUNT_PREFIX))
        .collect(ImmutableSet.toImmutableSet());
  }

  private static Map<String, String> namespaceLabels(PodEndpoint pod) {
    Map<String, String> out = new HashMap<>(pod.namespaceLabels());
    out.put(NAME_LABEL, pod.namespace());
    return out;
  }

  /** Every criterion of the rule, ANDed. */
  private Tri matches(CalicoRule r, CalicoPolicy p, Connection c) {
    if (!r.unmodelled().isEmpty()) {
      // icmp/notICMP/http/services narrow the match below L4: whether it matches is not known.
      Tri rest = l4(r, p, c);
      return rest == Tri.NO ? Tri.NO : Tri.MAYBE;
    }
    return l4(r, p, c);
  }

  private Tri l4(CalicoRule r, CalicoPolicy p, Connection c) {
    int proto = CalicoProtocol.named(c.protocol().name()).orElseThrow().number();
    Tri out = Tri.YES;
    if (r.protocol().isPresent()) {
      out = out.and(Tri.of(r.protocol().get().number() == proto));
    }
    if (r.notProtocol().isPresent()) {
      out = out.and(Tri.of(r.notProtocol().get().number() != proto));
    }
    if (r.ipVersion().isPresent()) {
      out = out.and(ipVersion(c, r.ipVersion().get()));
    }
    out = out.and(entity(r.source(), p, c.src(), Optional.empty(), c));
    out = out.and(entity(r.destination(), p, c.dst(), Optional.of(c.port()), c));
    return out;
  }

  private static Tri ipVersion(Connection c, int version) {
    Optional<IpAddress> a = ip(c.src()).or(() -> ip(c.dst()));
    return a.map(ip -> Tri.of(ip.v6() == (version == 6))).orElse(Tri.MAYBE);
  }

  private static Optional<IpAddress> ip(Endpoint e) {
    return e instanceof External x ? Optional.of(x.ip()) : ((PodEndpoint) e).ip();
  }

  /**
   * One EntityRule against one end. {@code port} is the end's port when npv knows it (the destination
   * port); the source port of a connection is not known, so source ports are MAYBE.
   */
  private Tri entity(CalicoEntityRule e, CalicoPolicy p, Endpoint end, Optional<Integer> port, Connection c) {
    Tri out = Tri.YES;
    Optional<IpAddress> ip = ip(end);
    if (!e.nets().isEmpty()) {
      out = out.and(ip.map(a -> Tri.of(e.nets().stream().anyMatch(n -> n.contains(a)))).orElse(Tri.MAYBE));
    }
    if (!e.notNets().isEmpty()) {
      out = out.and(ip.map(a -> Tri.of(e.notNets().stream().noneMatch(n -> n.contains(a)))).orElse(Tri.MAYBE));
    }
    if (e.selector().isPresent() || e.namespaceSelector().isPresent()) {
      out = out.and(selects(e.selector().orElse(CalicoSelector.ALL), e.namespaceSelector(), p, end));
    }
    if (e.notSelector().isPresent()) {
      out = out.and(selects(e.notSelector().get(), e.namespaceSelector(), p, end).not());
    }
    if (!e.serviceAccountNames().isEmpty() || e.serviceAccountSelector().isPresent()) {
      out = out.and(end instanceof PodEndpoint ? Tri.MAYBE : Tri.NO);
    }
    if (!e.ports().isEmpty()) {
      out = out.and(port.map(n -> ports(e.ports(), n, end, c)).orElse(Tri.MAYBE));
    }
    if (!e.notPorts().isEmpty()) {
      out = out.and(port.map(n -> ports(e.notPorts(), n, end, c).not()).orElse(Tri.MAYBE));
    }
    return out;
  }

  /** Whether any entry matches: numbers and ranges directly, names on the end's container ports. */
  private static Tri ports(List<CalicoPort> ports, int port, Endpoint end, Connection c) {
    boolean any = false;
    for (CalicoPort cp : ports) {
      if (cp instanceof CalicoPort.Range r) {
        any |= r.contains(port);
      } else if (cp instanceof CalicoPort.Named n && end instanceof PodEndpoint pod) {
        any |= pod.namedPorts(n.name(), c.protocol()).contains(port);
      }
    }
    return Tri.of(any);
  }

  /**
   * Whether {@code selector} (within the namespaces {@code namespaceSelector} picks, or the policy's
   * scope) selects the end: a pod by its labels, or an address in a matching network set.
   */
  private Tri selects(CalicoSelector selector, Optional<CalicoSelector> namespaceSelector, CalicoPolicy p,
                      Endpoint end) {
    boolean globalScope = namespaceSelector.filter(s -> s instanceof CalicoSelector.Global).isPresent();
    Tri pod = Tri.NO;
    if (end instanceof PodEndpoint e && !e.hostNetwork() && !globalScope) {
      Tri ns = namespaceSelector.map(s -> CalicoSelectorMatch.match(s, namespaceLabels(e), Set.of()))
          .orElse(Tri.of(p.global() || p.namespace().get().equals(e.namespace())));
      pod = ns.and(CalicoSelectorMatch.match(selector, podLabels(e), unknownPodKeys(selector)));
    }
    Tri set = Tri.NO;
    Optional<IpAddress> ip = ip(end);
    for (CalicoNetworkSet s : networkSets) {
      Tri inScope = setInScope(s, namespaceSelector, p, globalScope);
      Tri m = inScope.and(CalicoSelectorMatch.match(selector, setLabels(s), Set.of()));
      if (m == Tri.NO) {
        continue;
      }
      boolean contained = ip.isPresent() && s.nets().stream().anyMatch(n -> n.contains(ip.get()));
      set = set.or(ip.isEmpty() ? Tri.MAYBE : contained ? m : Tri.NO);
    }
    return pod.or(set);
  }

  private Tri setInScope(CalicoNetworkSet s, Optional<CalicoSelector> namespaceSelector, CalicoPolicy p,
                         boolean globalScope) {
    if (s.global()) {
      return Tri.of(globalScope || namespaceSelector.isEmpty() && p.global());
    }
    if (globalScope) {
      return Tri.NO;
    }
    if (namespaceSelector.isPresent()) {
      String ns = s.namespace().get();
      Map<String, String> labels = new HashMap<>(cluster.namespace(ns).map(n -> (Map<String, String>) n.labels())
          .orElse(ImmutableMap.of()));
      labels.put(NAME_LABEL, ns);
      return CalicoSelectorMatch.match(namespaceSelector.get(), labels, Set.of());
    }
    return Tri.of(p.global() || p.namespace().get().equals(s.namespace().get()));
  }

  private static Map<String, String> setLabels(CalicoNetworkSet s) {
    Map<String, String> out = new HashMap<>(s.labels());
    s.namespace().ifPresent(n -> out.put(NAMESPACE_LABEL, n));
    return out;
  }
}
