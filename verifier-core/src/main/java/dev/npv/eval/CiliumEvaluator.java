package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Maps;
import dev.npv.eval.Endpoint.External;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.CiliumEntity;
import dev.npv.model.CiliumPeer;
import dev.npv.model.CiliumPeerRule;
import dev.npv.model.CiliumPolicy;
import dev.npv.model.CiliumPort;
import dev.npv.model.CiliumPortRule;
import dev.npv.model.CiliumRule;
import dev.npv.model.CiliumSelector;
import dev.npv.model.CiliumSubject;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Cilium part of one side of one concrete connection: which Cilium rules select the side's
 * endpoint for the direction, whether they put it into default deny, and whether their allow and deny
 * entries match the peer, protocol and port (Documentation/security/policy/language.rst and intro.rst;
 * pkg/policy/api). Matches are three-valued ({@link Truth}): MAYBE where the manifests do not fix the
 * answer (dynamic peers, entities npv cannot place, service-account selectors) or an allow holds for
 * some requests only (L7, authentication).
 *
 * <p>Endpoints: a pod-network pod is a Cilium endpoint with its {@link CiliumSelector#labelsOf Cilium
 * labels}; a hostNetwork pod is its node's host identity (selected by no endpointSelector); an
 * {@link External} address with a node is that node (host or remote-node: which one npv cannot tell),
 * one without a node is the world. CIDR peers match the world only.
 */
public final class CiliumEvaluator {
  private final Cluster cluster;

  public CiliumEvaluator(Cluster cluster) {
    this.cluster = cluster;
  }

  public boolean hasPolicies() {
    return !cluster.ciliumPolicies().isEmpty();
  }

  /**
   * The Cilium side: {@code self} is the source for egress and the destination for ingress,
   * {@code peer} the other end, {@code destination} the connection's destination (for named ports).
   */
  public CiliumSide side(Direction direction, Endpoint self, Endpoint peer, Endpoint destination, Protocol protocol,
                         int port) {
    Truth defaultDeny = Truth.NO;
    Truth allowed = Truth.NO;
    Truth denied = Truth.NO;
    List<CiliumRuleRef> allows = new ArrayList<>();
    List<CiliumRuleRef> denies = new ArrayList<>();
    List<CiliumRuleRef> selecting = new ArrayList<>();
    for (CiliumPolicy policy : cluster.ciliumPolicies()) {
      for (CiliumRule rule : policy.rules()) {
        Truth selects = selects(rule.subject(), self);
        if (!selects.possible() || !rule.hasRules(direction) && !rule.defaultDeny(direction)) {
          continue;
        }
        selecting.add(new CiliumRuleRef(policy, rule, null, selects));
        if (rule.defaultDeny(direction)) {
          defaultDeny = defaultDeny.or(selects);
        }
        for (CiliumPeerRule e : rule.denies(direction)) {
          Truth m = selects.and(matches(e, peer, destination, protocol, port));
          if (m.possible()) {
            denies.add(new CiliumRuleRef(policy, rule, e, m));
            denied = denied.or(m);
          }
        }
        for (CiliumPeerRule e : rule.allows(direction)) {
          Truth m = selects.and(matches(e, peer, destination, protocol, port));
          if (m.possible()) {
            allows.add(new CiliumRuleRef(policy, rule, e, m));
            allowed = allowed.or(m);
          }
        }
      }
    }
    return new CiliumSide(direction, ImmutableList.copyOf(selecting), defaultDeny, allowed, denied,
        ImmutableList.copyOf(allows), ImmutableList.copyOf(denies));
  }

  /** Whether a rule's subject is {@code self}. Host policies (nodeSelector) select no pod-network pod. */
  static Truth selects(CiliumSubject subject, Endpoint self) {
    if (subject instanceof CiliumSubject.Nodes) {
      // A host policy governs a node's own traffic: hostNetwork pods and node addresses, not modelled.
      boolean host = self instanceof External x && x.node().isPresent()
          || self instanceof PodEndpoint pod && pod.hostNetwork();
      return host ? Truth.MAYBE : Truth.NO;
    }
    CiliumSelector sel = ((CiliumSubject.Endpoints) subject).selector();
    return self instanceof PodEndpoint pod && !pod.hostNetwork() ? selectorMatches(sel, pod) : Truth.NO;
  }

  /** A selector's match on a pod; MAYBE when only the service account (unknown to npv) could decide it. */
  static Truth selectorMatches(CiliumSelector sel, PodEndpoint pod) {
    Map<String, String> labels = CiliumSelector.labelsOf(pod.namespace(), pod.namespaceLabels(), pod.labels());
    if (sel.matches(labels)) {
      return Truth.YES;
    }
    if (!sel.usesServiceAccount()) {
      return Truth.NO;
    }
    // Without the service-account requirements, does the rest match? Then the account decides.
    LabelSelector rest = new LabelSelector(
        ImmutableSortedMap.copyOf(Maps.filterKeys(
            sel.selector().matchLabels(), k -> !k.equals(CiliumSelector.SERVICE_ACCOUNT))),
        sel.selector().matchExpressions().stream().filter(r -> !r.key().equals(CiliumSelector.SERVICE_ACCOUNT))
            .collect(ImmutableList.toImmutableList()));
    return rest.matches(labels) ? Truth.MAYBE : Truth.NO;
  }

  /** Whether one allow or deny entry matches the peer and the L4 part, restrictions weakening allows. */
  static Truth matches(CiliumPeerRule e, Endpoint peer, Endpoint destination, Protocol protocol, int port) {
    Truth l3 = Truth.NO;
    for (CiliumPeer p : e.peers()) {
      l3 = l3.or(peerMatches(p, peer));
    }
    if (!l3.possible()) {
      return Truth.NO;
    }
    Truth l4 = e.allL4() ? Truth.YES : Truth.NO;
    for (CiliumPortRule pr : e.toPorts()) {
      Truth m = portRuleMatches(pr, destination, protocol, port);
      l4 = l4.or(pr.l7().isPresent() ? m.weakened() : m);
    }
    // icmps match ICMP only, never the TCP/UDP/SCTP connections npv decides.
    Truth match = l3.and(l4);
    return e.authentication().isPresent() ? match.weakened() : match;
  }

  static Truth peerMatches(CiliumPeer p, Endpoint peer) {
    boolean world = peer instanceof External x && x.node().isEmpty();
    boolean node = peer instanceof External x && x.node().isPresent();
    boolean hostNetworkPod = peer instanceof PodEndpoint pod && pod.hostNetwork();
    return p.accept(new CiliumPeer.Visitor<Truth>() {
      @Override
      public Truth wildcard(CiliumPeer.Wildcard w) {
        return Truth.YES;
      }

      @Override
      public Truth endpoints(CiliumPeer.Endpoints ep) {
        return peer instanceof PodEndpoint pod && !pod.hostNetwork() ? selectorMatches(ep.selector(), pod) : Truth.NO;
      }

      @Override
      public Truth entity(CiliumPeer.Entity en) {
        return entityMatches(en.entity(), peer, world, node, hostNetworkPod);
      }

      @Override
      public Truth cidr(CiliumPeer.Cidr c) {
        return Truth.of(world && c.block().contains(((External) peer).ip()));
      }

      @Override
      public Truth nodes(CiliumPeer.Nodes n) {
        if (node) {
          return Truth.of(n.selector().matches(((External) peer).node().orElseThrow().labels()));
        }
        return hostNetworkPod ? Truth.MAYBE : Truth.NO; // its node's labels are unknown to npv
      }

      @Override
      public Truth dynamic(CiliumPeer.Dynamic d) {
        return Truth.MAYBE;
      }
    });
  }

  private static Truth entityMatches(CiliumEntity entity, Endpoint peer, boolean world, boolean node,
                                     boolean hostNetworkPod) {
    return switch (entity) {
      case ALL -> Truth.YES;
      case WORLD -> Truth.of(world);
      case WORLD_IPV4 -> Truth.of(world && !((External) peer).ip().v6());
      case WORLD_IPV6 -> Truth.of(world && ((External) peer).ip().v6());
      case CLUSTER -> Truth.of(!world);
      // Which node is the subject's own is unknown to npv: a node is host or remote-node.
      case HOST, REMOTE_NODE -> node || hostNetworkPod ? Truth.MAYBE : Truth.NO;
      // The API server's addresses are unknown: any node or outside address, or a hostNetwork pod.
      case KUBE_APISERVER -> peer instanceof External || hostNetworkPod ? Truth.MAYBE : Truth.NO;
      // Cilium's own health, init and ingress endpoints and unmanaged pods are none of npv's endpoints.
      case HEALTH, INIT, UNMANAGED, INGRESS, NONE -> Truth.NO;
    };
  }

  static Truth portRuleMatches(CiliumPortRule pr, Endpoint destination, Protocol protocol, int port) {
    if (pr.allPorts()) {
      return Truth.YES;
    }
    for (CiliumPort p : pr.ports()) {
      if (!p.protocol().transports().contains(protocol)) {
        continue;
      }
      if (p.spec() instanceof PortSpec.AnyPort
          || p.spec() instanceof PortSpec.Range r && r.contains(port)
          || p.spec() instanceof PortSpec.Named n && namedPortIs(destination, n.name(), protocol, port)) {
        return Truth.YES;
      }
    }
    return Truth.NO;
  }

  /** A named port: a container port of the destination pod with that name (case-insensitive) and protocol. */
  private static boolean namedPortIs(Endpoint destination, String name, Protocol protocol, int port) {
    if (!(destination instanceof PodEndpoint pod)) {
      return false;
    }
    for (ContainerPort cp : pod.ports()) {
      if (cp.name().isPresent() && cp.name().get().toLowerCase(Locale.ROOT).equals(name) && cp.protocol() == protocol
          && cp.port() == port) {
        return true;
      }
    }
    return false;
  }
}
