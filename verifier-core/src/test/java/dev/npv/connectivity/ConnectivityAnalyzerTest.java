package dev.npv.connectivity;

import static dev.npv.testutil.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Policy;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectivityAnalyzerTest {
  private static final Workload WEB = deployment("a", "web", "app", "web");
  private static final Workload DB = deployment("a", "db", "app", "db");

  private static List<String> text(Cluster c, Optional<String> focus) {
    return ConnectivityFormat.TEXT.renderer().render(new ConnectivityAnalyzer(c, EvaluatorOptions.DEFAULT)
        .analyze(focus)).lines().toList();
  }

  private static List<String> text(Cluster c) {
    return text(c, Optional.empty());
  }

  /** Ingress and egress of both pods closed except what {@code extra} opens. */
  private static Cluster closed(List<Workload> ws, Policy... extra) {
    List<Policy> ps = new ArrayList<>(List.of(extra));
    ps.add(policy("a", "deny").select(LabelSelector.ALL).types(Direction.INGRESS, Direction.EGRESS).build());
    return cluster(List.of(ns("a")), ws, ps);
  }

  @Test
  void egressToEverythingExceptTenSlashEight() {
    Policy p = policy("a", "web").select(sel("app", "web")).types(Direction.EGRESS)
        .egress(from(ipPeer("0.0.0.0/0", "10.0.0.0/8"))).build();
    assertEquals(List.of(
        "a/web (Deployment) -> 0.0.0.0-9.255.255.255 (External): all",
        "a/web (Deployment) -> 11.0.0.0-255.255.255.255 (External): all"), text(closed(List.of(WEB, DB), p)));
  }

  @Test
  void adjacentPiecesWithTheSameAnswerMerge() {
    Policy p = policy("a", "web").select(sel("app", "web")).types(Direction.EGRESS)
        .egress(rule(List.of(ipPeer("10.0.0.0/9")), List.of(tcp(80))),
            rule(List.of(ipPeer("10.128.0.0/9")), List.of(tcp(80))),
            rule(List.of(ipPeer("10.0.0.0/16")), List.of(udp(53)))).build();
    assertEquals(List.of(
        "a/web (Deployment) -> 10.0.0.0/16 (External): TCP 80; UDP 53",
        "a/web (Deployment) -> 10.1.0.0-10.255.255.255 (External): TCP 80"), text(closed(List.of(WEB, DB), p)));
  }

  @Test
  void ingressFromIpv6BlockWithExcept() {
    Policy p = policy("a", "web").select(sel("app", "web"))
        .ingress(rule(List.of(ipPeer("2001:db8::/32", "2001:db8::/33")), List.of(tcp(443)))).build();
    assertEquals(List.of("2001:db8:8000::/33 (External) -> a/web (Deployment): TCP 443"),
        text(closed(List.of(WEB, DB), p)));
  }

  @Test
  void namedPortsNeverOpenExternalEgress() {
    Workload web = withPorts(WEB, containerPort("dns", 53, Protocol.UDP));
    Policy p = policy("a", "web").select(sel("app", "web")).types(Direction.EGRESS)
        .egress(ports(named(Protocol.UDP, "dns"))).build();
    assertEquals(List.of(), text(closed(List.of(web, DB), p)).stream().filter(l -> !l.startsWith("no ")).toList());
  }

  @Test
  void workloadPairsUnionOverEndpointsAndOmitSelfAndEmptyPairs() {
    Workload two = withIps(deployment("a", "two", "app", "two"), "10.0.0.1", "10.0.0.2");
    Policy p = policy("a", "web").select(sel("app", "web"))
        .ingress(rule(List.of(ipPeer("10.0.0.1/32")), List.of(tcp(80))),
            rule(List.of(ipPeer("10.0.0.2/32")), List.of(tcp(81)))).build();
    Policy twoEgress = policy("a", "two").select(sel("app", "two")).types(Direction.EGRESS)
        .egress(allowAll()).build();
    List<String> lines = text(closed(List.of(WEB, DB, two), p, twoEgress));
    assertTrue(lines.contains("a/two (Deployment) -> a/web (Deployment): TCP 80-81"), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("a/two (Deployment) -> a/two")), "no self pair");
    assertTrue(lines.stream().noneMatch(l -> l.contains("a/db (Deployment) ->")), "db admits nothing");
  }

  @Test
  void focusKeepsOnlyConnectionsInvolvingTheWorkload() {
    Cluster c = SampleCluster.build();
    assertEquals(List.of(
        "myapp/backend (Deployment) -> myapp/db (StatefulSet): TCP 5432",
        "myapp/frontend (Deployment) -> myapp/backend (Deployment): TCP 5555"), text(c, Optional.of("myapp/backend")));
    assertEquals(List.of(
        "myapp/frontend (Deployment) -> myapp/backend (Deployment): TCP 5555",
        "myapp/frontend (Deployment) -> 0.0.0.0-9.255.255.255 (External): TCP 443,8080-8090",
        "myapp/frontend (Deployment) -> 11.0.0.0-255.255.255.255 (External): TCP 443,8080-8090"),
        text(c, Optional.of("myapp/frontend")));
    assertEquals(Optional.of("myapp/db"),
        new ConnectivityAnalyzer(c, EvaluatorOptions.DEFAULT).analyze(Optional.of("myapp/db")).focus());
  }

  @Test
  void unknownFocusIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new ConnectivityAnalyzer(SampleCluster.build(), EvaluatorOptions.DEFAULT).analyze(Optional.of("x/y")));
  }

  @Test
  void emptyReportSaysSo() {
    Cluster c = closed(List.of(WEB, DB));
    assertEquals(List.of("no allowed connections"), text(c));
    assertEquals("{\n  \"schemaVersion\": \"npv.dev/connectivity/v1\",\n  \"connections\": [ ]\n}\n",
        ConnectivityFormat.JSON.renderer().render(new ConnectivityAnalyzer(c, EvaluatorOptions.DEFAULT).analyze()));
  }
}
