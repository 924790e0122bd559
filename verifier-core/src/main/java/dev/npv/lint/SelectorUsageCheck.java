package dev.npv.lint;

import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import java.util.List;
import java.util.Optional;

/** Policies that select no existing pod, and pod peers that match no existing namespace or pod. */
final class SelectorUsageCheck {
  private SelectorUsageCheck() {
  }

  static void run(LintContext c, List<LintFinding> out) {
    for (Policy p : c.cluster().policies()) {
      if (c.selectedBy(p).findAny().isEmpty()) {
        out.add(LintFinding.of(LintCode.POLICY_SELECTS_NOTHING, p.location(),
            "policy " + p.id() + " selects no pod: podSelector " + p.podSelector()
                + " matches no workload in namespace " + p.namespace()));
      }
      LintContext.effectiveRules(p).forEach(r -> r.peers().forEach(peer -> peer(c, p, r, peer, out)));
    }
  }

  private static void peer(LintContext c, Policy p, Rule r, Peer peer, List<LintFinding> out) {
    Optional<Peer.Pods> selectors = peer.accept(new Peer.Visitor<>() {
      @Override
      public Optional<Peer.Pods> pods(Peer.Pods pods) {
        return Optional.of(pods);
      }

      @Override
      public Optional<Peer.Pods> addresses(Peer.Addresses addresses) {
        return Optional.empty(); // addresses outside the cluster are legitimate peers; see ExceptCheck
      }

      @Override
      public Optional<Peer.Pods> nodes(Peer.Nodes nodes) {
        return Optional.empty(); // NetworkPolicy has no nodes peers
      }
    });
    if (selectors.isEmpty()) {
      return;
    }
    Peer.Pods pods = selectors.get();
    String where = "peer " + peer + " of " + LintContext.ruleName(p, r);
    if (pods.namespaceSelector().isPresent()) {
      boolean anyNamespace = c.cluster().namespaces().values().stream().map(Namespace::labels)
          .anyMatch(pods.namespaceSelector().get()::matches);
      if (!anyNamespace) {
        out.add(LintFinding.of(LintCode.PEER_MATCHES_NOTHING, r.location(),
            where + " matches no namespace: namespaceSelector " + pods.namespaceSelector().get()
                + " matches none of " + String.join(", ", c.cluster().namespaces().keySet())));
        return;
      }
    }
    boolean anyPod = c.pods().stream().anyMatch(x -> c.evaluator().peerMatches(p, peer, x.endpoint()));
    if (!anyPod) {
      out.add(LintFinding.of(LintCode.PEER_MATCHES_NOTHING, r.location(),
          where + " matches no existing pod"));
    }
  }
}
