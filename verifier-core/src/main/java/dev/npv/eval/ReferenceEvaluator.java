package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.npv.eval.Endpoint.External;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Rule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

/**
 * The oracle: NetworkPolicy semantics over concrete endpoints, written once and plainly, to the API
 * reference (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/
 * and https://kubernetes.io/docs/concepts/services-networking/network-policies/).
 *
 * <ul>
 *   <li>A pod is isolated for a direction iff a policy in its namespace selects it and lists that
 *       direction in its (defaulted) policyTypes.</li>
 *   <li>Policies are additive: an isolated side admits a connection iff some rule of some policy
 *       selecting it for that direction matches the peer and the port.</li>
 *   <li>Pod to pod needs the source's egress and the destination's ingress; a connection with an
 *       external address (a node's too) needs only the pod side.</li>
 *   <li>An admin egress {@code nodes} peer matches an address of a node whose labels its selector
 *       matches; address peers match a node's address as any other.</li>
 *   <li>Cluster-wide tiers (policy.networking.k8s.io v1alpha1 AdminNetworkPolicy and
 *       BaselineAdminNetworkPolicy, v1alpha2 ClusterNetworkPolicy): each side first goes through the
 *       Admin-tier policies whose subject selects the pod, by priority, rules in list order; the
 *       first rule matching peer and port decides (Allow/Accept, Deny) or passes to NetworkPolicy
 *       (Pass). A pod no NetworkPolicy isolates then goes through the Baseline-tier policies the same
 *       way, where Pass skips to the default; without a match, or after a Pass, it is allowed.</li>
 * </ul>
 * Thread-safe: immutable after construction.
 */
public final class ReferenceEvaluator {
  private static final RangeSet<Integer> ALL_PORTS = ImmutableRangeSet.of(Range.closed(1, 65535));

  private final ImmutableMap<String, ImmutableList<Policy>> policiesByNamespace;
  private final EvaluatorOptions options;
  /** The Admin tier and the Baseline tier, each by precedence. */
  private final ImmutableList<AdminPolicy> adminTier;
  private final ImmutableList<AdminPolicy> baselineTier;

  public ReferenceEvaluator(Cluster cluster, EvaluatorOptions options) {
    this.policiesByNamespace = cluster.policiesByNamespace();
    this.options = options;
    this.adminTier = cluster.adminTier();
    this.baselineTier = cluster.baselineTier();
  }

  /** True when cluster-wide admin policies take part (bulk pre-filters then do not apply). */
  public boolean hasAdminTiers() {
    return !adminTier.isEmpty() || !baselineTier.isEmpty();
  }

  /** Decides one connection, with the reasons on both sides. */
  public ConnectionDecision decide(Connection c) {
    return new ConnectionDecision(c,
        side(Direction.EGRESS, c.src(), c.dst(), c.protocol(), c.port()),
        side(Direction.INGRESS, c.dst(), c.src(), c.protocol(), c.port()));
  }

  public boolean allows(Connection c) {
    return decide(c).allowed();
  }

  /**
   * Every port of {@code protocol} on which {@code src} may connect to {@code dst}: the same rules as
   * {@link #decide}, computed for all ports at once.
   */
  public RangeSet<Integer> allowedPorts(Endpoint src, Endpoint dst, Protocol protocol) {
    return allowedPorts(src, isolation(src), dst, isolation(dst)).get(protocol);
  }

  /**
   * {@link #allowedPorts(Endpoint, Endpoint, Protocol)} for every protocol at once, with the
   * isolation of both ends precomputed by {@link #isolation} (for analyses that ask about many
   * pairs). Each rule's peer is matched once, not once per protocol.
   */
  public ImmutableMap<Protocol, RangeSet<Integer>> allowedPorts(Endpoint src, Isolation srcIsolation,
                                                                Endpoint dst, Isolation dstIsolation) {
    EnumMap<Protocol, RangeSet<Integer>> out = new EnumMap<>(Protocol.class);
    if (hasAdminTiers()) {
      for (Protocol protocol : Protocol.values()) {
        RangeSet<Integer> both = TreeRangeSet.create(sidePorts(Direction.EGRESS, src, srcIsolation, dst, dst, protocol));
        both.removeAll(sidePorts(Direction.INGRESS, dst, dstIsolation, src, dst, protocol).complement());
        out.put(protocol, ImmutableRangeSet.copyOf(both));
      }
      return ImmutableMap.copyOf(out);
    }
    List<Rule> egressRules = srcIsolation.isolated(Direction.EGRESS)
        ? matchingRules(Direction.EGRESS, srcIsolation.egress(), dst) : null;
    List<Rule> ingressRules = dstIsolation.isolated(Direction.INGRESS)
        ? matchingRules(Direction.INGRESS, dstIsolation.ingress(), src) : null;
    for (Protocol protocol : Protocol.values()) {
      // null = that side is not isolated: every port. The destination resolves named ports.
      RangeSet<Integer> egress = egressRules == null ? ALL_PORTS : portsOf(egressRules, dst, protocol);
      if (egress.isEmpty() || ingressRules == null) {
        out.put(protocol, ImmutableRangeSet.copyOf(egress));
        continue;
      }
      RangeSet<Integer> both = TreeRangeSet.create(egress);
      both.removeAll(portsOf(ingressRules, dst, protocol).complement());
      out.put(protocol, ImmutableRangeSet.copyOf(both));
    }
    return ImmutableMap.copyOf(out);
  }

  /**
   * True when the side is not isolated in {@code direction}, or some rule of its isolating policies
   * matches {@code peer} (ports aside). It depends only on the isolation and the peer, so bulk
   * analyses may share one answer among all endpoints with equal isolation.
   */
  public boolean admitsPeer(Isolation self, Direction direction, Endpoint peer) {
    List<Policy> isolating = self.get(direction);
    if (isolating.isEmpty() || hasAdminTiers()) { // an admin Allow can admit any peer: no pre-filter
      return true;
    }
    for (Policy policy : isolating) {
      for (Rule rule : policy.rules(direction)) {
        if (ruleMatchesPeer(policy, rule, peer)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The isolating policies of {@code endpoint} in both directions, for the bulk queries. */
  public Isolation isolation(Endpoint endpoint) {
    if (!(endpoint instanceof PodEndpoint p) || p.hostNetwork()) {
      return Isolation.NONE;
    }
    return new Isolation(ImmutableList.copyOf(isolatingPolicies(endpoint, Direction.INGRESS)),
        ImmutableList.copyOf(isolatingPolicies(endpoint, Direction.EGRESS)));
  }

  /** The policies that select {@code pod} and isolate it for {@code direction}. */
  public List<Policy> isolatingPolicies(Endpoint pod, Direction direction) {
    if (!(pod instanceof PodEndpoint p) || p.hostNetwork()) {
      return List.of();
    }
    List<Policy> out = new ArrayList<>();
    for (Policy policy : policiesByNamespace.getOrDefault(p.namespace(), ImmutableList.of())) {
      if (policy.isolates(direction) && policy.podSelector().matches(p.labels())) {
        out.add(policy);
      }
    }
    return out;
  }

  /** The side of {@code self} (the pod the policies would select) towards {@code peer}. */
  private SideDecision side(Direction direction, Endpoint self, Endpoint peer, Protocol protocol, int port) {
    boolean governed = self instanceof PodEndpoint p && !p.hostNetwork();
    List<Policy> isolating = isolatingPolicies(self, direction);
    ImmutableList.Builder<RuleRef> allowedBy = ImmutableList.builder();
    Endpoint destination = direction == Direction.INGRESS ? self : peer;
    for (Policy policy : isolating) {
      for (Rule rule : policy.rules(direction)) {
        if (ruleMatchesPeer(policy, rule, peer) && portsOf(rule, destination, protocol).contains(port)) {
          allowedBy.add(new RuleRef(policy.id(), direction, rule.index(), rule.location()));
        }
      }
    }
    Optional<AdminRuleRef> admin = Optional.empty();
    Optional<AdminRuleRef> baseline = Optional.empty();
    if (governed) {
      PodEndpoint pod = (PodEndpoint) self;
      admin = firstMatch(adminTier, pod, direction, peer, destination, protocol, port);
      boolean decidedByAdmin = admin.isPresent() && admin.get().action() != AdminAction.PASS;
      if (!decidedByAdmin && isolating.isEmpty()) {
        baseline = firstMatch(baselineTier, pod, direction, peer, destination, protocol, port);
      }
    }
    return new SideDecision(direction, governed,
        isolating.stream().map(Policy::id).sorted().collect(ImmutableList.toImmutableList()),
        allowedBy.build(), admin, baseline);
  }

  /**
   * The first rule, over {@code tier} in order and each policy's rules in list order, of a policy
   * whose subject selects {@code self} and that matches the peer and the port.
   */
  private Optional<AdminRuleRef> firstMatch(List<AdminPolicy> tier, PodEndpoint self, Direction direction,
                                            Endpoint peer, Endpoint destination, Protocol protocol, int port) {
    for (AdminPolicy policy : tier) {
      if (!selects(policy, self)) {
        continue;
      }
      for (AdminRule rule : policy.rules(direction)) {
        if (adminRuleMatchesPeer(rule, peer) && portEntries(rule.ports(), destination, protocol).contains(port)) {
          return Optional.of(AdminRuleRef.of(policy, rule));
        }
      }
    }
    return Optional.empty();
  }

  /** The subject selects pods by namespace labels and pod labels; never hostNetwork pods. */
  private static boolean selects(AdminPolicy policy, Endpoint self) {
    return self instanceof PodEndpoint p && !p.hostNetwork()
        && policy.subject().matches(p.namespaceLabels(), p.labels());
  }

  /** Peers of an admin rule are ORed; every pod peer carries its namespaceSelector. */
  private boolean adminRuleMatchesPeer(AdminRule rule, Endpoint peer) {
    for (Peer p : rule.peers()) {
      if (peerMatches("", p, peer)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #decide} for every port of {@code protocol} at once, on one side: the ports still open
   * go through the Admin-tier rules in order (each match takes its ports out), what is left or passed
   * goes to NetworkPolicy if isolated, else through the Baseline-tier rules; what is left or passed
   * then is allowed.
   */
  private RangeSet<Integer> sidePorts(Direction direction, Endpoint self, Isolation iso, Endpoint peer,
                                      Endpoint destination, Protocol protocol) {
    if (!(self instanceof PodEndpoint pod) || pod.hostNetwork()) {
      return ALL_PORTS;
    }
    TreeRangeSet<Integer> allowed = TreeRangeSet.create();
    TreeRangeSet<Integer> open = TreeRangeSet.create(ALL_PORTS);
    TreeRangeSet<Integer> passed = TreeRangeSet.create();
    for (AdminPolicy policy : adminTier) {
      if (selects(policy, pod)) {
        takeMatches(policy, direction, peer, destination, protocol, open, allowed, passed);
      }
    }
    passed.addAll(open);
    if (iso.isolated(direction)) {
      passed.removeAll(portsOf(matchingRules(direction, iso.get(direction), peer), destination, protocol).complement());
      allowed.addAll(passed);
      return allowed;
    }
    for (AdminPolicy policy : baselineTier) {
      if (selects(policy, pod)) { // a baseline Pass skips to the default tier, which allows
        takeMatches(policy, direction, peer, destination, protocol, passed, allowed, allowed);
      }
    }
    allowed.addAll(passed);
    return allowed;
  }

  /** Walks one policy's rules over the still-{@code open} ports: Allow adds to allowed, Pass to passed. */
  private void takeMatches(AdminPolicy policy, Direction direction, Endpoint peer, Endpoint destination,
                           Protocol protocol, RangeSet<Integer> open, RangeSet<Integer> allowed,
                           RangeSet<Integer> passed) {
    for (AdminRule rule : policy.rules(direction)) {
      if (open.isEmpty()) {
        return;
      }
      if (!adminRuleMatchesPeer(rule, peer)) {
        continue;
      }
      TreeRangeSet<Integer> hit = TreeRangeSet.create(open);
      hit.removeAll(portEntries(rule.ports(), destination, protocol).complement());
      if (rule.action() == AdminAction.ALLOW) {
        allowed.addAll(hit);
      } else if (rule.action() == AdminAction.PASS) {
        passed.addAll(hit);
      }
      open.removeAll(hit);
    }
  }

  /** The rules of the isolating policies that match {@code peer}: policies are additive. */
  private List<Rule> matchingRules(Direction direction, List<Policy> isolating, Endpoint peer) {
    List<Rule> out = new ArrayList<>();
    for (Policy policy : isolating) {
      for (Rule rule : policy.rules(direction)) {
        if (ruleMatchesPeer(policy, rule, peer)) {
          out.add(rule);
        }
      }
    }
    return out;
  }

  private static RangeSet<Integer> portsOf(List<Rule> rules, Endpoint destination, Protocol protocol) {
    TreeRangeSet<Integer> ports = TreeRangeSet.create();
    for (Rule rule : rules) {
      ports.addAll(portsOf(rule, destination, protocol));
    }
    return ports;
  }

  /** A rule with no peers admits every peer; otherwise peers are ORed. */
  private boolean ruleMatchesPeer(Policy policy, Rule rule, Endpoint peer) {
    if (rule.allPeers()) {
      return true;
    }
    for (Peer p : rule.peers()) {
      if (peerMatches(policy, p, peer)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Two (policy, peer) with equal keys match the same endpoints in {@link #peerMatches}: only a
   * pod peer without namespaceSelector depends on the policy, through its namespace.
   */
  static Object peerKey(Policy policy, Peer peer) {
    return peer instanceof Peer.Pods p && p.namespaceSelector().isEmpty()
        ? List.of(policy.namespace(), peer) : List.of(peer);
  }

  /** Whether one NetworkPolicyPeer of {@code policy} matches the endpoint at the other end. */
  boolean peerMatches(Policy policy, Peer peer, Endpoint endpoint) {
    return peerMatches(policy.namespace(), peer, endpoint);
  }

  /** {@code ownNamespace}: where a pod peer without namespaceSelector looks (admin peers have none). */
  private boolean peerMatches(String ownNamespace, Peer peer, Endpoint endpoint) {
    // Plain branches rather than a visitor and Optional.map: this runs per pair in bulk analyses.
    if (peer instanceof Peer.Nodes n) {
      // A node's addresses, by the node's labels; never a pod (hostNetwork pods are decided as pods).
      return endpoint instanceof External e && e.node().isPresent() && n.selector().matches(e.node().get().labels());
    }
    if (peer instanceof Peer.Pods p) {
      if (!(endpoint instanceof PodEndpoint pod) || pod.hostNetwork()) {
        return false; // selectors match pods only, and never hostNetwork pods
      }
      boolean namespaceOk = p.namespaceSelector().isPresent()
          ? p.namespaceSelector().get().matches(pod.namespaceLabels())
          : pod.namespace().equals(ownNamespace); // no namespaceSelector: own namespace
      return namespaceOk && (p.podSelector().isEmpty() || p.podSelector().get().matches(pod.labels()));
    }
    Peer.Addresses a = (Peer.Addresses) peer;
    if (endpoint instanceof External e) { // a node's address too: address peers look at the address only
      return a.block().contains(e.ip());
    }
    PodEndpoint pod = (PodEndpoint) endpoint;
    // hostNetwork pods speak with the node's address, which ipBlocks do match.
    boolean considered = options.ipBlockMatchesPods() || pod.hostNetwork();
    return considered && pod.ip().isPresent() && a.block().contains(pod.ip().get());
  }

  /** The ports of {@code protocol} a rule admits towards {@code destination}. */
  private static RangeSet<Integer> portsOf(Rule rule, Endpoint destination, Protocol protocol) {
    return portEntries(rule.ports(), destination, protocol);
  }

  /**
   * The ports of {@code protocol} that a list of NetworkPolicyPort entries admits towards
   * {@code destination}; an empty list admits every port of every protocol.
   */
  public static RangeSet<Integer> portEntries(List<PolicyPort> entries, Endpoint destination, Protocol protocol) {
    if (entries.isEmpty()) {
      return ALL_PORTS;
    }
    TreeRangeSet<Integer> out = TreeRangeSet.create();
    for (PolicyPort pp : entries) {
      if (pp.protocol() != protocol) {
        continue;
      }
      PortSpec spec = pp.spec();
      if (spec instanceof PortSpec.AnyPort) {
        return ALL_PORTS;
      } else if (spec instanceof PortSpec.Range r) {
        out.add(Range.closed(r.first(), r.last()));
      } else if (spec instanceof PortSpec.Named n) {
        // Named ports resolve on the destination pod; an external destination has no names.
        namedPorts(destination, n.name(), protocol).forEach(port -> out.add(Range.singleton(port)));
      }
    }
    return out;
  }

  private static List<Integer> namedPorts(Endpoint destination, String name, Protocol protocol) {
    return destination instanceof PodEndpoint pod ? pod.namedPorts(name, protocol) : List.of();
  }

  /** All the policies, by id, for explanations. */
  public ImmutableList<PolicyId> policyIds() {
    return policiesByNamespace.values().stream().flatMap(List::stream).map(Policy::id).sorted()
        .collect(ImmutableList.toImmutableList());
  }
}
