package dev.npv.explain;

import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.eval.PeerVerdict;
import dev.npv.model.Cidr;
import dev.npv.model.IpAddress;
import dev.npv.model.Peer;

/**
 * One peer's verdict from the evaluator's walk, in words: which test decided it and why. It decides
 * nothing itself: {@code matches} is the walk's.
 */
final class PeerCheck {
  private PeerCheck() {
  }

  /** {@code ownNamespace}: the namespace of the policy the peer is written in. */
  static Check check(String ownNamespace, Peer peer, Endpoint endpoint, PeerVerdict verdict) {
    return new Check("peer " + peer, verdict.matches(), why(ownNamespace, peer, endpoint, verdict));
  }

  private static String why(String ownNamespace, Peer peer, Endpoint endpoint, PeerVerdict verdict) {
    return switch (verdict) {
      case NOT_A_NODE -> "it matches nodes only, and " + endpoint.display() + " is no node's address";
      case NODE_MATCHES -> "node labels " + nodeLabels(endpoint) + " match " + ((Peer.Nodes) peer).selector();
      case NODE_SELECTOR_MISMATCH -> ((Peer.Nodes) peer).selector() + " does not match node labels "
          + nodeLabels(endpoint);
      case NOT_A_POD -> "selectors match pods only, and " + endpoint.display() + " is an external address";
      case HOST_NETWORK_POD -> "selectors never match hostNetwork pods, and " + endpoint.display() + " is one";
      case NAMESPACE_SELECTOR_MISMATCH -> "namespaceSelector " + ((Peer.Pods) peer).namespaceSelector().get()
          + " does not match namespace " + pod(endpoint).namespace() + " ("
          + Labels.showNamespace(pod(endpoint).namespaceLabels()) + ")";
      case OTHER_NAMESPACE -> "without a namespaceSelector it matches pods of namespace " + ownNamespace
          + " only, and the pod is in " + pod(endpoint).namespace();
      case POD_SELECTOR_MISMATCH -> "podSelector " + ((Peer.Pods) peer).podSelector().get()
          + " does not match pod labels " + Labels.show(pod(endpoint).labels());
      case POD_MATCHES -> podMatches(ownNamespace, (Peer.Pods) peer, pod(endpoint));
      case POD_IPS_NOT_MATCHED -> "ipBlock peers do not match pod IPs here (--ipblock-matches-pods=false)";
      case IP_UNKNOWN -> "the address of " + endpoint.display() + " is not given by the manifests: it matches if"
          + " the pod's address is in " + ((Peer.Addresses) peer).block() + ", read here as no match (give the"
          + " address as " + endpoint.display() + "@IP, or state the pod network with --pod-cidr)";
      case POD_NETWORK_IN_BLOCK -> "the address of " + endpoint.display() + " is not given by the manifests, but"
          + " every address of the pod network is in " + ((Peer.Addresses) peer).block();
      case POD_NETWORK_OUTSIDE_BLOCK -> "the address of " + endpoint.display() + " is not given by the manifests,"
          + " and no address of the pod network is in " + ((Peer.Addresses) peer).block();
      case OUTSIDE_CIDR -> ip(endpoint) + " is not in " + ((Peer.Addresses) peer).block().cidr();
      case IN_EXCEPT -> inExcept((Peer.Addresses) peer, ip(endpoint));
      case IN_BLOCK -> ip(endpoint) + " is in " + ((Peer.Addresses) peer).block();
    };
  }

  private static String podMatches(String ownNamespace, Peer.Pods p, PodEndpoint pod) {
    return p.namespaceSelector().map(s -> "namespace " + pod.namespace() + " ("
        + Labels.showNamespace(pod.namespaceLabels()) + ") matches namespaceSelector " + s).orElse(
            "the pod is in the policy's namespace " + ownNamespace)
        + p.podSelector().map(s -> " and pod labels " + Labels.show(pod.labels()) + " match podSelector " + s)
            .orElse("");
  }

  /** Names the except the walk found the address in (the first that holds it). */
  private static String inExcept(Peer.Addresses a, IpAddress ip) {
    Cidr except = a.block().except().stream().filter(x -> x.contains(ip)).findFirst().orElseThrow();
    return ip + " is in " + a.block().cidr() + " but also in its except " + except;
  }

  private static String nodeLabels(Endpoint endpoint) {
    return Labels.show(endpoint.node().orElseThrow().labels());
  }

  private static PodEndpoint pod(Endpoint endpoint) {
    return endpoint.pod().orElseThrow();
  }

  private static IpAddress ip(Endpoint endpoint) {
    return endpoint.address().orElseThrow();
  }
}
