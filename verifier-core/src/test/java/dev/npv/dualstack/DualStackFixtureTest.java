package dev.npv.dualstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityReport;
import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.explain.ConcreteEndpoints;
import dev.npv.explain.Explainer;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Protocol;
import dev.npv.report.ExplainTextRenderer;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two dual-stack pods (src/test/resources/dual-stack): the client's egress admits only 10.1.0.0/16,
 * the server's ingress only fd00::/64. A connection uses one address family on both ends, so over
 * IPv4 the server refuses the client and over IPv6 the client may not send: denied. {@code
 * connectivity} (the bulk walk, which pairs the pods' addresses) must say so, as {@code check} proves.
 */
class DualStackFixtureTest {
  private Cluster cluster;
  private Path dir;

  @BeforeEach
  void load() throws Exception {
    dir = Path.of(getClass().getResource("/dual-stack").toURI());
    cluster = new ClusterLoader().load(List.of(dir.resolve("cluster.yaml").toString()), LoadOptions.defaults())
        .cluster();
  }

  @Test
  void connectivity_reportsNoConnectionFromClientToServer() {
    ConnectivityReport report = new ConnectivityAnalyzer(cluster, EvaluatorOptions.DEFAULT).analyze();
    assertEquals(List.of(), links(report, "ds/client", "ds/server"));
    // The reverse is open (no policy restricts it), so the analysis did pair the two pods.
    assertEquals(List.of("all"), links(report, "ds/server", "ds/client"));
  }

  private static List<String> links(ConnectivityReport report, String src, String dst) {
    return report.links().stream().filter(l -> l.src().name().equals(src) && l.dst().name().equals(dst))
        .map(l -> l.ports().compact()).toList();
  }

  @Test
  void check_provesTheDenialInBothWorlds() throws Exception {
    List<InvariantSet> sets = new SpecReader().read(List.of(dir.resolve("invariants.yaml")));
    for (World world : World.values()) {
      List<CheckResult> results = new Verifier(cluster, new VerifyOptions(Optional.of(world),
          VerifyOptions.DEFAULT.session())).verify(sets).results();
      assertEquals(List.of(Verdict.PROVEN), results.stream().map(CheckResult::verdict).toList(),
          () -> world + ": " + results);
    }
  }

  @Test
  void evaluator_deniesEveryPairOfAddresses_theMixedPairOnlyForItsFamilies() {
    ReferenceEvaluator e = new ReferenceEvaluator(cluster, EvaluatorOptions.DEFAULT);
    List<PodEndpoint> clients = Endpoints.of(cluster, cluster.workload("ds", "client").orElseThrow());
    List<PodEndpoint> servers = Endpoints.of(cluster, cluster.workload("ds", "server").orElseThrow());
    assertEquals(2, clients.size());
    assertEquals(2, servers.size());
    int mixed = 0;
    for (PodEndpoint c : clients) {
      for (PodEndpoint s : servers) {
        Connection conn = new Connection(c, s, Protocol.TCP, 80);
        assertFalse(e.allows(conn), conn::toString);
        for (Protocol p : Protocol.values()) {
          assertTrue(e.allowedPorts(c, s, p).isEmpty(), conn::toString);
        }
        if (c.ip().orElseThrow().v6() && !s.ip().orElseThrow().v6()) {
          // Each side alone admits client IPv6 -> server IPv4: only the one family denies it.
          ConnectionDecision d = e.decide(conn);
          assertTrue(d.egress().allowed() && d.ingress().allowed(), conn::toString);
          assertFalse(conn.oneAddressFamily());
          String text = new ExplainTextRenderer().render(new Explainer(cluster, EvaluatorOptions.DEFAULT).explain(conn));
          assertTrue(text.startsWith(conn + ": DENIED\n  no such connection"), text);
          mixed++;
        }
      }
    }
    assertEquals(1, mixed);
  }

  @Test
  void explain_takesTheDualStackEndInTheOtherEndsFamily() {
    Endpoint v6 = ConcreteEndpoints.parse(cluster, List.of("fd00::9"));
    Endpoint server = ConcreteEndpoints.inFamilyOf(cluster, ConcreteEndpoints.parse(cluster, List.of("ds/server")), v6);
    assertEquals(Optional.of(true), server.address().map(a -> a.v6()));
    // fd00::/64 is admitted by the server, over IPv6.
    assertTrue(new Explainer(cluster, EvaluatorOptions.DEFAULT).explain(new Connection(v6, server, Protocol.TCP, 80))
        .allowed());
  }
}
