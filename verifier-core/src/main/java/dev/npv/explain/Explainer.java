package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.RangeSet;
import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.PeerVerdict;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.eval.RuleRef;
import dev.npv.eval.SideDecision;
import dev.npv.eval.Tracer;
import dev.npv.model.Cluster;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.Rule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains one concrete connection: a {@link Tracer} over the reference evaluator's walk of each
 * side, which keeps every test the walk makes and puts it in words. The verdicts are the walk's, so
 * an explanation cannot disagree with the evaluator.
 */
public final class Explainer {
  private final ReferenceEvaluator evaluator;

  public Explainer(Cluster cluster, EvaluatorOptions options) {
    this.evaluator = new ReferenceEvaluator(cluster, options);
  }

  public Explanation explain(Connection c) {
    SideTracer egress = new SideTracer(c.dst(), c);
    SideTracer ingress = new SideTracer(c.src(), c);
    ConnectionDecision d = evaluator.decide(c, egress, ingress);
    return new Explanation(d, egress.explanation(d.egress(), c.src()), ingress.explanation(d.ingress(), c.dst()));
  }

  /** Records one side's walk: the policies that could isolate it and, per rule, each peer and port. */
  private static final class SideTracer implements Tracer {
    private final Endpoint peer;
    private final Connection connection;
    /** The isolating policies of the namespace in walk order, selecting the pod or not, with their rules. */
    private final Map<Policy, Boolean> selection = new LinkedHashMap<>();
    private final Map<Policy, ImmutableList.Builder<RuleExplanation>> rules = new IdentityHashMap<>();
    private final List<Peer> peers = new ArrayList<>();
    private final List<PeerVerdict> verdicts = new ArrayList<>();
    private final List<PolicyPort> entries = new ArrayList<>();
    private final List<RangeSet<Integer>> entryPorts = new ArrayList<>();

    SideTracer(Endpoint peer, Connection connection) {
      this.peer = peer;
      this.connection = connection;
    }

    @Override
    public boolean exhaustive() {
      return true;
    }

    @Override
    public void selection(Policy policy, boolean selects) {
      selection.put(policy, selects);
    }

    @Override
    public void peer(Peer p, PeerVerdict verdict) {
      peers.add(p);
      verdicts.add(verdict);
    }

    @Override
    public void portEntry(PolicyPort entry, RangeSet<Integer> ports) {
      entries.add(entry);
      entryPorts.add(ports);
    }

    @Override
    public void rule(Policy policy, Rule rule, boolean peerMatches, boolean portMatches) {
      ImmutableList.Builder<Check> peerChecks = ImmutableList.builder();
      for (int i = 0; i < peers.size(); i++) {
        peerChecks.add(PeerCheck.check(policy.namespace(), peers.get(i), peer, verdicts.get(i)));
      }
      ImmutableList.Builder<Check> portChecks = ImmutableList.builder();
      for (int i = 0; i < entries.size(); i++) {
        portChecks.add(PortCheck.check(entries.get(i), entryPorts.get(i), connection.dst(), connection.protocol(),
            connection.port()));
      }
      rules.computeIfAbsent(policy, p -> ImmutableList.builder()).add(new RuleExplanation(
          new RuleRef(policy.id(), rule.direction(), rule.index(), rule.location()), rule.allPeers(),
          peerChecks.build(), rule.allPorts(), portChecks.build(), peerMatches, portMatches));
      peers.clear();
      verdicts.clear();
      entries.clear();
      entryPorts.clear();
    }

    SideExplanation explanation(SideDecision decision, Endpoint self) {
      ImmutableList.Builder<PolicyExplanation> out = ImmutableList.builder();
      selection.forEach((p, selects) -> {
        Check check = new Check("podSelector " + p.podSelector(), selects,
            "podSelector " + p.podSelector() + (selects ? " matches" : " does not match") + " pod labels "
                + Labels.show(self.pod().orElseThrow().labels()));
        ImmutableList<RuleExplanation> walked = rules.containsKey(p) ? rules.get(p).build() : ImmutableList.of();
        out.add(new PolicyExplanation(p.id(), p.location(), check, walked));
      });
      return new SideExplanation(decision, self.display(), out.build());
    }
  }
}
