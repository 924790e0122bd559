package dev.npv.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.eval.RuleRef;
import dev.npv.eval.SideDecision;
import dev.npv.explain.Explainer;
import dev.npv.explain.Explanation;
import dev.npv.explain.RuleExplanation;
import dev.npv.explain.SideExplanation;
import dev.npv.model.Cluster;
import dev.npv.model.Protocol;
import dev.npv.testutil.RandomCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The explanation walks the IR by itself; it must reach the evaluator's verdict on every connection,
 * side by side, with the same admitting rules and the same isolating policies.
 */
class ExplainAgreesWithEvaluatorTest {
  @Property(tries = 30)
  void differentialClusters(@ForAll long seed) {
    ClusterGen g = new ClusterGen(new Random(seed));
    Cluster c = g.cluster();
    List<Endpoint> endpoints = new ArrayList<>();
    c.workloads().forEach(w -> endpoints.addAll(Endpoints.of(c, w)));
    for (String ip : ClusterGen.EXTERNAL_IPS) {
      endpoints.add(ClusterGen.external(c, ip)); // maybe a node's
    }
    agree(c, EvaluatorOptions.DEFAULT, endpoints, ClusterGen.PROBE_PORTS);
    agree(c, new EvaluatorOptions(false), endpoints, ClusterGen.PROBE_PORTS);
  }

  @Property(tries = 100)
  void randomClusters(@ForAll long seed) {
    RandomCluster s = RandomCluster.random(new Random(seed));
    agree(s.cluster(), s.options(), s.endpoints(), new int[] {1, 53, 80, 81, 443, 8080, 65535});
  }

  private static void agree(Cluster c, EvaluatorOptions options, List<Endpoint> endpoints, int[] ports) {
    ReferenceEvaluator oracle = new ReferenceEvaluator(c, options);
    Explainer explainer = new Explainer(c, options);
    for (Endpoint src : endpoints) {
      for (Endpoint dst : endpoints) {
        if (src instanceof Endpoint.External && dst instanceof Endpoint.External) {
          continue;
        }
        for (Protocol p : Protocol.values()) {
          for (int port : ports) {
            Connection conn = new Connection(src, dst, p, port);
            ConnectionDecision d = oracle.decide(conn);
            Explanation e = explainer.explain(conn);
            String where = conn + " in " + c;
            assertEquals(d.allowed(), e.allowed(), where);
            side(d.egress(), e.egress(), where);
            side(d.ingress(), e.ingress(), where);
          }
        }
      }
    }
  }

  private static void side(SideDecision d, SideExplanation e, String where) {
    assertEquals(d.allowed(), e.allowed(), d.direction() + " of " + where);
    assertEquals(d.isolating(), e.isolating().stream().map(x -> x.policy()).sorted().toList(),
        d.direction() + " isolation of " + where);
    List<RuleRef> admitting = e.isolating().stream().flatMap(x -> x.rules().stream())
        .filter(RuleExplanation::admits).map(RuleExplanation::rule).sorted().toList();
    assertEquals(d.allowedBy().stream().sorted().toList(), admitting, d.direction() + " rules of " + where);
    if (d.governed()) {
      assertEquals(d.reason(), e.summary(), d.direction() + " reason of " + where);
    }
  }
}
