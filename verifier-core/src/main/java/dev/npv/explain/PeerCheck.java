package dev.npv.explain;

import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoint.External;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Cidr;
import dev.npv.model.IpAddress;
import dev.npv.model.Peer;
import dev.npv.model.Policy;

/**
 * Whether one NetworkPolicyPeer of a policy matches a concrete endpoint, and why: the same tests as
 * {@code ReferenceEvaluator.peerMatches}, in the same order, each failure named.
 */
public final class PeerCheck {
  private final EvaluatorOptions options;

  public PeerCheck(EvaluatorOptions options) {
    this.options = options;
  }

  public Check check(Policy policy, Peer peer, Endpoint endpoint) {
    String subject = "peer " + peer;
    if (peer instanceof Peer.Nodes n) {
      if (!(endpoint instanceof External e) || e.node().isEmpty()) {
        return Check.no(subject, "it matches nodes only, and " + endpoint.display() + " is no node's address");
      }
      return n.selector().matches(e.node().get().labels())
          ? Check.yes(subject, "node labels " + Labels.show(e.node().get().labels()) + " match " + n.selector())
          : Check.no(subject, n.selector() + " does not match node labels " + Labels.show(e.node().get().labels()));
    }
    if (peer instanceof Peer.Pods p) {
      if (!(endpoint instanceof PodEndpoint pod)) {
        return Check.no(subject, "selectors match pods only, and " + endpoint.display() + " is an external address");
      }
      if (pod.hostNetwork()) {
        return Check.no(subject, "selectors never match hostNetwork pods, and " + pod.display() + " is one");
      }
      if (p.namespaceSelector().isPresent()) {
        if (!p.namespaceSelector().get().matches(pod.namespaceLabels())) {
          return Check.no(subject, "namespaceSelector " + p.namespaceSelector().get() + " does not match namespace "
              + pod.namespace() + " (" + Labels.showNamespace(pod.namespaceLabels()) + ")");
        }
      } else if (!pod.namespace().equals(policy.namespace())) {
        return Check.no(subject, "without a namespaceSelector it matches pods of namespace " + policy.namespace()
            + " only, and the pod is in " + pod.namespace());
      }
      if (p.podSelector().isPresent() && !p.podSelector().get().matches(pod.labels())) {
        return Check.no(subject, "podSelector " + p.podSelector().get() + " does not match pod labels "
            + Labels.show(pod.labels()));
      }
      return Check.yes(subject, p.namespaceSelector().map(s -> "namespace " + pod.namespace() + " ("
          + Labels.showNamespace(pod.namespaceLabels()) + ") matches namespaceSelector " + s).orElse(
              "the pod is in the policy's namespace " + policy.namespace())
          + p.podSelector().map(s -> " and pod labels " + Labels.show(pod.labels()) + " match podSelector " + s)
              .orElse(""));
    }
    Peer.Addresses a = (Peer.Addresses) peer;
    IpAddress ip;
    if (endpoint instanceof External e) {
      ip = e.ip();
    } else {
      PodEndpoint pod = (PodEndpoint) endpoint;
      if (!options.ipBlockMatchesPods() && !pod.hostNetwork()) {
        return Check.no(subject, "ipBlock peers do not match pod IPs here (--ipblock-matches-pods=false)");
      }
      if (pod.ip().isEmpty()) {
        return Check.no(subject, "the IP of " + pod.display() + " is not known (no pod status in the manifests)");
      }
      ip = pod.ip().get();
    }
    if (!a.block().cidr().contains(ip)) {
      return Check.no(subject, ip + " is not in " + a.block().cidr());
    }
    for (Cidr x : a.block().except()) {
      if (x.contains(ip)) {
        return Check.no(subject, ip + " is in " + a.block().cidr() + " but also in its except " + x);
      }
    }
    return Check.yes(subject, ip + " is in " + a.block());
  }
}
