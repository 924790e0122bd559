package dev.npv.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Isolation;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The bulk port computation of the reference evaluator (used by {@code npv connectivity}) against its
 * per-connection {@code decide}, on clusters with admin tiers: every port of every protocol between
 * every pair of endpoints (and external addresses) must get the same answer.
 */
class AdminBulkAgreementTest {
  @Property(tries = 80)
  void allowedPortsAgreesWithDecide(@ForAll long seed) {
    ClusterGen g = new ClusterGen(new Random(seed));
    Cluster c = g.cluster();
    ReferenceEvaluator e = new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT);
    List<Endpoint> ends = new ArrayList<>();
    for (Workload w : c.workloads()) {
      ends.add(Endpoints.of(c, w).get(0));
    }
    for (String ip : new String[] {"10.0.0.1", "8.8.8.8", "fd00::2", "10.0.0.9"}) {
      ends.add(ClusterGen.external(c, ip)); // maybe a node's
    }
    for (Endpoint src : ends) {
      for (Endpoint dst : ends) {
        if (src == dst || src instanceof Endpoint.External && dst instanceof Endpoint.External) {
          continue;
        }
        Isolation si = e.isolation(src);
        Isolation di = e.isolation(dst);
        var bulk = e.allowedPorts(src, si, dst, di);
        for (Protocol p : Protocol.values()) {
          for (int port : ClusterGen.PROBE_PORTS) {
            Connection conn = new Connection(src, dst, p, port);
            assertEquals(e.allows(conn), bulk.get(p).contains(port), () -> conn + " in "
                + DifferentialTest.describe(c));
          }
        }
      }
    }
  }
}
