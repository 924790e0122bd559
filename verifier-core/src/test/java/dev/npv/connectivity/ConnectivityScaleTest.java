package dev.npv.connectivity;

import static dev.npv.testutil.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.PeerMatrix;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The size the brief targets: 5,000 pods and 10,000 policies. Slow, so it runs only with
 * {@code -Dnpv.scale=true}; it prints nothing, the timing is in the surefire report.
 */
class ConnectivityScaleTest {
  static Cluster big(int namespaces, int podsPerNs, int policiesPerNs, long seed) {
    Random r = new Random(seed);
    List<Namespace> nss = new ArrayList<>();
    List<Workload> ws = new ArrayList<>();
    List<Policy> ps = new ArrayList<>();
    for (int n = 0; n < namespaces; n++) {
      String ns = "ns" + n;
      nss.add(ns(ns, "team", "t" + (n % 10)));
      for (int i = 0; i < podsPerNs; i++) {
        Workload w = withIps(pod(ns, "p" + i, "app", "a" + (i % 20), "tier", "t" + (i % 3)),
            "10." + n + "." + (i / 250) + "." + (i % 250 + 1));
        ws.add(withPorts(w, containerPort("http", 8080, Protocol.TCP)));
      }
      ps.add(policy(ns, "deny").select(sel()).types(Direction.INGRESS, Direction.EGRESS).build());
      for (int k = 1; k < policiesPerNs; k++) {
        String app = "a" + r.nextInt(20);
        ps.add(policy(ns, "np" + k).select(sel("app", app)).types(Direction.INGRESS, Direction.EGRESS)
            .ingress(rule(List.of(podPeer(sel("app", "a" + r.nextInt(20))),
                nsPodPeer(sel("team", "t" + r.nextInt(10)), sel("tier", "t" + r.nextInt(3)))),
                List.of(tcp(80 + r.nextInt(10)), named(Protocol.TCP, "http"))))
            .egress(rule(List.of(podPeer(sel("app", "a" + r.nextInt(20))),
                ipPeer("10." + r.nextInt(namespaces) + ".0.0/16", "10.0.0.0/24")), List.of(tcp(443))),
                rule(List.of(ipPeer("0.0.0.0/0", "10.0.0.0/8", "192.168." + r.nextInt(256) + ".0/24")),
                    List.of(udp(53))))
            .build());
      }
    }
    return cluster(nss, ws, ps);
  }

  @Test
  void fiveThousandPodsTenThousandPolicies() {
    Assumptions.assumeTrue(Boolean.getBoolean("npv.scale"), "run with -Dnpv.scale=true");
    Cluster c = big(Integer.getInteger("npv.scale.namespaces", 100), 50, 100, 1);
    long tm = System.nanoTime();
    var ev = new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT);
    var eps = c.workloads().stream().map(w -> Endpoints.of(c, w).get(0)).toList();
    var iso = eps.stream().map(ev::isolation).toList();
    long ti = System.nanoTime();
    PeerMatrix.of(ev, Direction.EGRESS, eps, iso);
    PeerMatrix.of(ev, Direction.INGRESS, eps, iso);
    System.err.println("isolation " + (ti - tm) / 1_000_000 + " ms, matrices " + (System.nanoTime() - ti) / 1_000_000 + " ms, groups "
        + iso.stream().map(i -> i.egress()).distinct().count());
    long t0 = System.nanoTime();
    ConnectivityReport report = new ConnectivityAnalyzer(c, EvaluatorOptions.DEFAULT).analyze();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.err.println("connectivity: " + c.workloads().size() + " workloads, " + c.policies().size()
        + " policies, " + report.links().size() + " links in " + ms + " ms");
    assertFalse(report.links().isEmpty());
  }
}
