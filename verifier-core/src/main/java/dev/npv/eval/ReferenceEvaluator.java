package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Rule;
import java.util.ArrayList;
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
 *   <li>A connection uses one address family on both ends when they share one: a dual-stack pod's
 *       IPv6 address never meets the other end's IPv4 address ({@link Connection#oneAddressFamily}).</li>
 *   <li>An admin egress {@code nodes} peer matches an address of a node whose labels its selector
 *       matches, and a hostNetwork pod on such a node (it uses the node's address); address peers
 *       match a node's address as any other.</li>
 *   <li>Cluster-wide tiers (policy.networking.k8s.io v1alpha1 AdminNetworkPolicy and
 *       BaselineAdminNetworkPolicy, v1alpha2 ClusterNetworkPolicy): each side first goes through the
 *       Admin-tier policies whose subject selects the pod, by priority, rules in list order; the
 *       first rule matching peer and port decides (Allow/Accept, Deny) or passes to NetworkPolicy
 *       (Pass). A pod no NetworkPolicy isolates then goes through the Baseline-tier policies the same
 *       way, where Pass skips to the default; without a match, or after a Pass, it is allowed.</li>
 * </ul>
 *
 * <p>The tiers are walked once, in {@link #walk}, over a set of (protocol, port) pairs: one pair for
 * {@link #decide}, all of them for {@link #allowedPorts}. A {@link Tracer} sees every step; the
 * decision records and {@code npv explain} are tracers, so they cannot disagree with the verdict.
 * The bulk pre-filters ({@link #admitsPeer}, {@link PeerMatrix}) combine peers by the same rules
 * ({@link PeerSets}). Thread-safe: immutable after construction.
 */
public final class ReferenceEvaluator {
  private final ImmutableMap<String, ImmutableList<Policy>> policiesByNamespace;
  private final EvaluatorOptions options;
  private final AddressRules addressRules;
  /** The Admin tier and the Baseline tier, each by precedence. */
  private final ImmutableList<AdminPolicy> adminTier;
  private final ImmutableList<AdminPolicy> baselineTier;

  public ReferenceEvaluator(Cluster cluster, EvaluatorOptions options) {
    this.policiesByNamespace = cluster.policiesByNamespace();
    this.options = options;
    this.addressRules = AddressRules.of(cluster, options);
    this.adminTier = cluster.adminTier();
    this.baselineTier = cluster.baselineTier();
  }

  /** Where the addresses the manifests do not give may lie. */
  public AddressRules addressRules() {
    return addressRules;
  }

  /** True when cluster-wide admin policies take part (bulk pre-filters then do not apply). */
  public boolean hasAdminTiers() {
    return !adminTier.isEmpty() || !baselineTier.isEmpty();
  }

  /** Decides one connection, with the reasons on both sides. */
  public ConnectionDecision decide(Connection c) {
    return decide(c, Tracer.NONE, Tracer.NONE);
  }

  /** {@link #decide}, with every step of each side's walk told to that side's tracer as well. */
  public ConnectionDecision decide(Connection c, Tracer egress, Tracer ingress) {
    return new ConnectionDecision(c, side(Direction.EGRESS, c.src(), c.dst(), c, egress),
        side(Direction.INGRESS, c.dst(), c.src(), c, ingress));
  }

  public boolean allows(Connection c) {
    return decide(c).allowed();
  }

  /**
   * Every port of {@code protocol} on which {@code src} may connect to {@code dst}: the same walk as
   * {@link #decide}, over all ports at once.
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
    if (!Connection.oneAddressFamily(src, dst)) {
      return PortSpace.none().toMap();
    }
    PortSpace both = walk(Direction.EGRESS, src, srcIsolation.egress(), dst, dst, PortSpace.all(), Tracer.NONE);
    if (!both.isEmpty()) {
      both.retainAll(walk(Direction.INGRESS, dst, dstIsolation.ingress(), src, dst, PortSpace.all(), Tracer.NONE));
    }
    return both.toMap();
  }

  /**
   * True when the side is not isolated in {@code direction}, or some rule of its isolating policies
   * matches {@code peer} (ports aside). It depends only on the isolation and the peer, so bulk
   * analyses may share one answer among all endpoints with equal isolation.
   */
  public boolean admitsPeer(Isolation self, Direction direction, Endpoint peer) {
    return matchesOf(peer, Tracer.NONE).side(direction, self.get(direction), hasAdminTiers());
  }

  /** The isolating policies of {@code endpoint} in both directions, for the bulk queries. */
  public Isolation isolation(Endpoint endpoint) {
    if (!governed(endpoint)) {
      return Isolation.NONE;
    }
    return new Isolation(ImmutableList.copyOf(isolatingPolicies(endpoint, Direction.INGRESS)),
        ImmutableList.copyOf(isolatingPolicies(endpoint, Direction.EGRESS)));
  }

  /** The policies that select {@code pod} and isolate it for {@code direction}. */
  public List<Policy> isolatingPolicies(Endpoint pod, Direction direction) {
    return isolatingPolicies(pod, direction, Tracer.NONE);
  }

  private List<Policy> isolatingPolicies(Endpoint self, Direction direction, Tracer t) {
    Optional<PodEndpoint> governed = self.governedPod();
    if (governed.isEmpty()) {
      return List.of();
    }
    PodEndpoint p = governed.get();
    List<Policy> out = new ArrayList<>();
    for (Policy policy : policiesByNamespace.getOrDefault(p.namespace(), ImmutableList.of())) {
      if (policy.isolates(direction)) {
        boolean selects = policy.podSelector().matches(p.labels());
        t.selection(policy, selects);
        if (selects) {
          out.add(policy);
        }
      }
    }
    return out;
  }

  /** Policies select pods only, never hostNetwork pods (they use the node's network). */
  private static boolean governed(Endpoint e) {
    return e.governedPod().isPresent();
  }

  /** The side of {@code self} (the pod the policies would select) towards {@code peer}, on one port. */
  private SideDecision side(Direction direction, Endpoint self, Endpoint peer, Connection c, Tracer also) {
    Endpoint destination = c.dst();
    DecisionTracer record = new DecisionTracer(direction, also);
    List<Policy> isolating = isolatingPolicies(self, direction, record);
    PortSpace allowed = walk(direction, self, isolating, peer, destination,
        PortSpace.single(c.protocol(), c.port()), record);
    return record.decision(governed(self),
        isolating.stream().map(Policy::id).sorted().collect(ImmutableList.toImmutableList()),
        allowed.contains(c.protocol(), c.port()));
  }

  /**
   * The one walk of one side: which of the {@code asked} ports {@code self} admits towards (egress) or
   * from (ingress) {@code peer}. The ports still open go through the Admin-tier rules in order (each
   * match takes its ports: Allow admits them, Deny drops them, Pass hands them on); what is left or
   * passed goes to NetworkPolicy if {@code isolating} is not empty, else through the Baseline-tier
   * rules the same way (a Pass there goes to the default); what is left or passed then is allowed.
   * An endpoint that is not a policy-selectable pod admits everything.
   */
  private PortSpace walk(Direction direction, Endpoint self, List<Policy> isolating, Endpoint peer,
                         Endpoint destination, PortSpace asked, Tracer t) {
    Optional<PodEndpoint> governed = self.governedPod();
    if (governed.isEmpty()) {
      return asked.copy();
    }
    PodEndpoint pod = governed.get();
    PortSpace allowed = PortSpace.none();
    PortSpace open = asked.copy();
    PortSpace passed = PortSpace.none();
    for (AdminPolicy policy : adminTier) {
      if (policy.subject().matches(pod.namespaceLabels(), pod.labels())) {
        firstMatches(policy, direction, peer, destination, open, allowed, passed, t);
      }
    }
    passed.addAll(open);
    if (!isolating.isEmpty()) {
      passed.retainAll(networkPolicies(direction, isolating, peer, destination, asked, t));
      allowed.addAll(passed);
      return allowed;
    }
    for (AdminPolicy policy : baselineTier) {
      if (policy.subject().matches(pod.namespaceLabels(), pod.labels())) {
        firstMatches(policy, direction, peer, destination, passed, allowed, allowed, t);
      }
    }
    allowed.addAll(passed);
    return allowed;
  }

  /**
   * One admin policy's rules, in list order, over the still-{@code open} ports: each rule that matches
   * the peer takes the open ports its entries admit; Allow adds them to {@code allowed}, Pass to
   * {@code passed}, Deny to neither.
   */
  private void firstMatches(AdminPolicy policy, Direction direction, Endpoint peer, Endpoint destination,
                            PortSpace open, PortSpace allowed, PortSpace passed, Tracer t) {
    PeerSets<Boolean> peers = matchesOf(peer, Tracer.NONE);
    for (AdminRule rule : policy.rules(direction)) {
      if (open.isEmpty()) {
        return;
      }
      if (!peers.admin(rule.peers())) {
        continue;
      }
      PortSpace hit = entries(rule.ports(), destination, Tracer.NONE);
      hit.retainAll(open);
      if (hit.isEmpty()) {
        continue;
      }
      t.adminRule(policy, rule);
      PortSpace to = switch (rule.action()) {
        case ALLOW -> allowed;
        case PASS -> passed;
        case DENY -> PortSpace.none(); // dropped
      };
      to.addAll(hit);
      open.removeAll(hit);
    }
  }

  /**
   * The asked ports that some rule of the isolating policies admits: policies are additive, a rule
   * admits the ports of its entries when it matches the peer.
   */
  private PortSpace networkPolicies(Direction direction, List<Policy> isolating, Endpoint peer,
                                    Endpoint destination, PortSpace asked, Tracer t) {
    PortSpace out = PortSpace.none();
    PeerSets<Boolean> peers = matchesOf(peer, t);
    for (Policy policy : isolating) {
      for (Rule rule : policy.rules(direction)) {
        boolean peerMatches = peers.rule(policy, rule);
        if (!peerMatches && !t.exhaustive()) {
          continue;
        }
        PortSpace ports = entries(rule.ports(), destination, t);
        ports.retainAll(asked);
        t.rule(policy, rule, peerMatches, !ports.isEmpty());
        if (peerMatches) {
          out.addAll(ports);
        }
      }
    }
    return out;
  }

  /** Peer matching against one endpoint, as yes/no, each peer's verdict told to {@code t}. */
  private PeerSets<Boolean> matchesOf(Endpoint endpoint, Tracer t) {
    PeerTest test = new PeerTest(endpoint);
    return new PeerSets<>() {
      @Override
      public Boolean every() {
        return true;
      }

      @Override
      public Boolean none() {
        return false;
      }

      @Override
      public Boolean peer(String ownNamespace, Peer peer) {
        PeerVerdict v = test.verdict(ownNamespace, peer);
        t.peer(peer, v);
        return v.matches();
      }

      @Override
      public Boolean union(Boolean a, Boolean b) {
        return a || b;
      }

      @Override
      public boolean complete(Boolean acc) {
        return acc && !t.exhaustive(); // an explanation lists every peer
      }
    };
  }

  /**
   * Two peers with equal keys match the same endpoints in {@link #verdict}: only a pod peer without
   * namespaceSelector depends on where it is written, through {@code ownNamespace}.
   */
  static Object peerKey(String ownNamespace, Peer peer) {
    return peer.accept(new Peer.Visitor<Object>() {
      @Override
      public Object pods(Peer.Pods p) {
        return p.namespaceSelector().isEmpty() ? List.of(ownNamespace, peer) : List.of(peer);
      }

      @Override
      public Object addresses(Peer.Addresses p) {
        return List.of(peer);
      }

      @Override
      public Object nodes(Peer.Nodes p) {
        return List.of(peer);
      }
    });
  }

  /** Whether one NetworkPolicyPeer of {@code policy} matches the endpoint at the other end. */
  public boolean peerMatches(Policy policy, Peer peer, Endpoint endpoint) {
    return verdict(policy.namespace(), peer, endpoint).matches();
  }

  /** {@code ownNamespace}: where a pod peer without namespaceSelector looks (admin peers have none). */
  PeerVerdict verdict(String ownNamespace, Peer peer, Endpoint endpoint) {
    return new PeerTest(endpoint).verdict(ownNamespace, peer);
  }

  /**
   * Tests peers against one endpoint, the semantics of each kind of peer. Confined to one walk (or
   * call): {@code ownNamespace} changes from peer to peer, so one instance serves a whole walk.
   */
  private final class PeerTest implements Peer.Visitor<PeerVerdict> {
    private final Endpoint endpoint;
    private String ownNamespace = "";

    PeerTest(Endpoint endpoint) {
      this.endpoint = endpoint;
    }

    PeerVerdict verdict(String ownNamespace, Peer peer) {
      this.ownNamespace = ownNamespace;
      return peer.accept(this);
    }

    @Override
    public PeerVerdict pods(Peer.Pods p) {
      if (endpoint.pod().isEmpty()) {
        return PeerVerdict.NOT_A_POD; // selectors match pods only
      }
      PodEndpoint pod = endpoint.pod().get();
      if (pod.hostNetwork()) {
        return PeerVerdict.HOST_NETWORK_POD; // ... and never hostNetwork pods
      }
      if (p.namespaceSelector().isPresent()) {
        if (!p.namespaceSelector().get().matches(pod.namespaceLabels())) {
          return PeerVerdict.NAMESPACE_SELECTOR_MISMATCH;
        }
      } else if (!pod.namespace().equals(ownNamespace)) {
        return PeerVerdict.OTHER_NAMESPACE; // no namespaceSelector: own namespace
      }
      if (p.podSelector().isPresent() && !p.podSelector().get().matches(pod.labels())) {
        return PeerVerdict.POD_SELECTOR_MISMATCH;
      }
      return PeerVerdict.POD_MATCHES;
    }

    @Override
    public PeerVerdict addresses(Peer.Addresses a) {
      // hostNetwork pods speak with the node's address, which ipBlocks do match.
      if (endpoint.governedPod().isPresent() && !options.ipBlockMatchesPods()) {
        return PeerVerdict.POD_IPS_NOT_MATCHED;
      }
      // A node's address too: address peers look at the address only.
      Optional<IpAddress> ip = endpoint.address();
      if (ip.isEmpty()) {
        // Not given: a pod address no other endpoint holds, inside the pod network when it is stated.
        Optional<Boolean> in = endpoint.governedPod().isPresent() ? addressRules.unknownPodIn(a.block())
            : Optional.empty();
        if (in.isPresent()) {
          return in.get() ? PeerVerdict.POD_NETWORK_IN_BLOCK : PeerVerdict.POD_NETWORK_OUTSIDE_BLOCK;
        }
        return PeerVerdict.IP_UNKNOWN;
      }
      if (!a.block().cidr().contains(ip.get())) {
        return PeerVerdict.OUTSIDE_CIDR;
      }
      return a.block().contains(ip.get()) ? PeerVerdict.IN_BLOCK : PeerVerdict.IN_EXCEPT;
    }

    @Override
    public PeerVerdict nodes(Peer.Nodes n) {
      // A node's addresses, by the node's labels: a hostNetwork pod's too, it uses its node's address
      // (NPEP-126; network-policy-api conformance AdminNetworkPolicyEgressNodePeers). Never a pod of
      // the pod network.
      if (endpoint.node().isEmpty()) {
        return PeerVerdict.NOT_A_NODE;
      }
      return n.selector().matches(endpoint.node().get().labels()) ? PeerVerdict.NODE_MATCHES
          : PeerVerdict.NODE_SELECTOR_MISMATCH;
    }
  }

  /**
   * The ports that a list of NetworkPolicyPort entries admits towards {@code destination}, each
   * entry's told to {@code t}; an empty list admits every port of every protocol.
   */
  private static PortSpace entries(List<PolicyPort> entries, Endpoint destination, Tracer t) {
    if (entries.isEmpty()) {
      return PortSpace.all();
    }
    PortSpace out = PortSpace.none();
    for (PolicyPort entry : entries) {
      RangeSet<Integer> ports = entryPorts(entry, destination);
      t.portEntry(entry, ports);
      out.add(entry.protocol(), ports);
    }
    return out;
  }

  /** The ports of its own protocol that one NetworkPolicyPort entry admits towards {@code destination}. */
  private static RangeSet<Integer> entryPorts(PolicyPort entry, Endpoint destination) {
    return entry.spec().accept(new PortSpec.Visitor<>() {
      @Override
      public RangeSet<Integer> anyPort(PortSpec.AnyPort spec) {
        return PortSpace.ALL_PORTS;
      }

      @Override
      public RangeSet<Integer> range(PortSpec.Range r) {
        return ImmutableRangeSet.of(Range.closed(r.first(), r.last()));
      }

      @Override
      public RangeSet<Integer> named(PortSpec.Named n) {
        // Named ports resolve on the destination pod; an external destination has no names.
        TreeRangeSet<Integer> out = TreeRangeSet.create();
        destination.pod().ifPresent(pod -> pod.namedPorts(n.name(), entry.protocol())
            .forEach(p -> out.add(Range.singleton(p))));
        return out;
      }
    });
  }

  /**
   * The ports of {@code protocol} that a list of NetworkPolicyPort entries admits towards
   * {@code destination}; an empty list admits every port of every protocol.
   */
  public static RangeSet<Integer> portEntries(List<PolicyPort> entries, Endpoint destination, Protocol protocol) {
    return entries(entries, destination, Tracer.NONE).get(protocol);
  }

  /** All the policies, by id, for explanations. */
  public ImmutableList<PolicyId> policyIds() {
    return policiesByNamespace.values().stream().flatMap(List::stream).map(Policy::id).sorted()
        .collect(ImmutableList.toImmutableList());
  }
}
