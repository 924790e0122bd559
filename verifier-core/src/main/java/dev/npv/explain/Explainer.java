package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.RuleRef;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.Rule;

/**
 * Explains one concrete connection by walking the IR exactly as {@link dev.npv.eval.ReferenceEvaluator}
 * does, keeping every test and its reason instead of only the verdict. Tests assert that the two
 * always agree.
 */
public final class Explainer {
  private final Cluster cluster;
  private final PeerCheck peers;
  private final dev.npv.eval.ReferenceEvaluator tiers;

  public Explainer(Cluster cluster, EvaluatorOptions options) {
    this.cluster = cluster;
    this.peers = new PeerCheck(options);
    this.tiers = new dev.npv.eval.ReferenceEvaluator(cluster, options);
  }

  public Explanation explain(Connection c) {
    // The admin tiers' first-match rules come from the evaluator (one place for that logic); the
    // NetworkPolicy walk below keeps every test and its reason.
    dev.npv.eval.ConnectionDecision d = tiers.decide(c);
    return new Explanation(c, side(Direction.EGRESS, c.src(), c.dst(), c, d.egress()),
        side(Direction.INGRESS, c.dst(), c.src(), c, d.ingress()));
  }

  private SideExplanation side(Direction d, Endpoint self, Endpoint peer, Connection c,
                               dev.npv.eval.SideDecision tier) {
    if (!(self instanceof PodEndpoint pod) || pod.hostNetwork()) {
      return new SideExplanation(d, self.display(), false, ImmutableList.of());
    }
    Endpoint destination = c.dst();
    ImmutableList.Builder<PolicyExplanation> out = ImmutableList.builder();
    for (Policy p : cluster.policies()) {
      if (!p.namespace().equals(pod.namespace()) || !p.isolates(d)) {
        continue; // a policy selects pods of its own namespace only, for its own policyTypes
      }
      boolean selects = p.podSelector().matches(pod.labels());
      Check selection = new Check("podSelector " + p.podSelector(), selects,
          "podSelector " + p.podSelector() + (selects ? " matches" : " does not match") + " pod labels "
              + Labels.show(pod.labels()));
      ImmutableList<RuleExplanation> rules = selects
          ? p.rules(d).stream().map(r -> rule(p, r, peer, destination, c)).collect(ImmutableList.toImmutableList())
          : ImmutableList.of();
      out.add(new PolicyExplanation(p.id(), p.location(), selection, rules));
    }
    return new SideExplanation(d, self.display(), true, out.build(), tier.admin(), tier.baseline());
  }

  private RuleExplanation rule(Policy p, Rule r, Endpoint peer, Endpoint destination, Connection c) {
    ImmutableList.Builder<Check> peerChecks = ImmutableList.builder();
    for (Peer x : r.peers()) {
      peerChecks.add(peers.check(p, x, peer));
    }
    ImmutableList.Builder<Check> portChecks = ImmutableList.builder();
    for (PolicyPort pp : r.ports()) {
      portChecks.add(PortCheck.check(pp, destination, c.protocol(), c.port()));
    }
    return new RuleExplanation(new RuleRef(p.id(), r.direction(), r.index(), r.location()), r.allPeers(),
        peerChecks.build(), r.allPorts(), portChecks.build());
  }
}
