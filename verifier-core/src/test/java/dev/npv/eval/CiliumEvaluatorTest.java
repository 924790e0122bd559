package dev.npv.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Endpoint.External;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.load.ClusterLoader;
import dev.npv.load.Fixtures;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.Node;
import dev.npv.model.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Cilium decision of one side, on Cilium's own examples (test resources cilium/upstream) and the
 * language reference's rules; expected verdicts from Cilium's documentation, cited per test.
 */
class CiliumEvaluatorTest {
  private static final External WORLD = new External(IpAddress.v4("203.0.113.7"));

  private static Cluster upstream(String... files) throws Exception {
    List<SourceText> texts = new ArrayList<>();
    for (String f : files) {
      Path p = Fixtures.resource("cilium/upstream/" + f);
      texts.add(new SourceText(p.toString(), Files.readString(p)));
    }
    return new ClusterLoader().loadTexts(texts, LoadOptions.defaults()).cluster();
  }

  private static Cluster inline(String yaml) throws Exception {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults()).cluster();
  }

  private static PodEndpoint pod(String ns, Map<String, String> labels, ContainerPort... ports) {
    return new PodEndpoint(ns, ImmutableSortedMap.of("kubernetes.io/metadata.name", ns), ImmutableSortedMap.copyOf(labels),
        ImmutableList.copyOf(ports), Optional.empty(), false, ns + "/" + labels);
  }

  private static final PodEndpoint DEATHSTAR = pod("default", Map.of("org", "empire", "class", "deathstar"));
  private static final PodEndpoint TIEFIGHTER = pod("default", Map.of("org", "empire", "class", "tiefighter"));
  private static final PodEndpoint XWING = pod("default", Map.of("org", "alliance", "class", "xwing"));

  /** The verdict of the destination's ingress side (no NetworkPolicy). */
  private static Truth ingress(Cluster c, Endpoint src, Endpoint dst, Protocol protocol, int port) {
    return new CiliumEvaluator(c).side(Direction.INGRESS, dst, src, dst, protocol, port).combine(false, false);
  }

  private static Truth egress(Cluster c, Endpoint src, Endpoint dst, Protocol protocol, int port) {
    return new CiliumEvaluator(c).side(Direction.EGRESS, src, dst, dst, protocol, port).combine(false, false);
  }

  /** demo.rst: "only ships with the label org=empire" land, on TCP 80; the xwing is dropped. */
  @Test
  void starWars_onlyEmpireShipsReachTheDeathstarOnTcp80() throws Exception {
    Cluster c = upstream("http-sw-app.yaml", "sw_l3_l4_policy.yaml");
    assertEquals(Truth.YES, ingress(c, TIEFIGHTER, DEATHSTAR, Protocol.TCP, 80));
    assertEquals(Truth.NO, ingress(c, XWING, DEATHSTAR, Protocol.TCP, 80));
    assertEquals(Truth.NO, ingress(c, TIEFIGHTER, DEATHSTAR, Protocol.TCP, 81));
    assertEquals(Truth.NO, ingress(c, TIEFIGHTER, DEATHSTAR, Protocol.UDP, 80));
    assertEquals(Truth.NO, ingress(c, WORLD, DEATHSTAR, Protocol.TCP, 80));
    assertEquals(Truth.YES, ingress(c, XWING, TIEFIGHTER, Protocol.TCP, 80), "the tiefighter is not selected");
    assertEquals(Truth.YES, egress(c, DEATHSTAR, WORLD, Protocol.TCP, 443), "no egress section: egress is open");
    CiliumSide side = new CiliumEvaluator(c).side(Direction.INGRESS, DEATHSTAR, TIEFIGHTER, DEATHSTAR, Protocol.TCP, 80);
    assertEquals("[CNP cilium] default/rule1 spec ingress rule 0", side.allows().get(0).toString());
  }

  /** The L7 version admits POST /v1/request-landing only: the L4 flow is allowed for some requests. */
  @Test
  void starWarsL7_allowedForSomeRequestsOnly() throws Exception {
    Cluster c = upstream("sw_l3_l4_l7_policy.yaml");
    assertEquals(Truth.MAYBE, ingress(c, TIEFIGHTER, DEATHSTAR, Protocol.TCP, 80));
    assertEquals(Truth.NO, ingress(c, XWING, DEATHSTAR, Protocol.TCP, 80), "the L3 part still excludes the xwing");
    CiliumSide side = new CiliumEvaluator(c).side(Direction.INGRESS, DEATHSTAR, TIEFIGHTER, DEATHSTAR, Protocol.TCP, 80);
    assertTrue(side.allows().get(0).toString().endsWith("(for some requests only: http rules)"));
  }

  /** sw_deny_policy.yaml: {@code ingress: [{}]} puts every empire endpoint into default deny. */
  @Test
  void emptyIngressEntry_deniesEverything() throws Exception {
    Cluster c = upstream("sw_deny_policy.yaml");
    assertEquals(Truth.NO, ingress(c, XWING, TIEFIGHTER, Protocol.TCP, 80));
    assertEquals(Truth.NO, ingress(c, TIEFIGHTER, DEATHSTAR, Protocol.TCP, 80));
    assertEquals(Truth.YES, ingress(c, TIEFIGHTER, XWING, Protocol.TCP, 80));
  }

  /** from_world_deny.yaml: world is denied into every pod though "all" is allowed; pods still talk. */
  @Test
  void clusterwideWorldDeny_winsOverAllowAll() throws Exception {
    Cluster c = upstream("from_world_deny.yaml");
    assertEquals(Truth.NO, ingress(c, WORLD, XWING, Protocol.TCP, 443));
    assertEquals(Truth.YES, ingress(c, TIEFIGHTER, XWING, Protocol.TCP, 443));
    assertEquals(Truth.YES, ingress(c, pod("kube-system", Map.of("k8s-app", "dns")), pod("other", Map.of()),
        Protocol.UDP, 53));
  }

  /** egress-deny.yaml: the frontend may reach everything but the backend. */
  @Test
  void egressDeny_winsOverToEntitiesAll() throws Exception {
    Cluster c = upstream("egress-deny.yaml");
    PodEndpoint frontend = pod("default", Map.of("role", "frontend"));
    assertEquals(Truth.NO, egress(c, frontend, pod("default", Map.of("role", "backend")), Protocol.TCP, 80));
    assertEquals(Truth.YES, egress(c, frontend, pod("other", Map.of("role", "backend")), Protocol.TCP, 80),
        "the deny selector is scoped to the policy's namespace");
    assertEquals(Truth.YES, egress(c, frontend, WORLD, Protocol.TCP, 80));
  }

  /** cidr.yaml: CIDR rules match outside addresses only (ingress.go FromCIDR), except blocks excluded. */
  @Test
  void cidr_matchesTheWorldOnly() throws Exception {
    Cluster c = upstream("cidr.yaml");
    PodEndpoint me = pod("default", Map.of("app", "myService"));
    assertEquals(Truth.YES, egress(c, me, new External(IpAddress.v4("20.1.1.1")), Protocol.TCP, 443));
    assertEquals(Truth.YES, egress(c, me, new External(IpAddress.v4("10.1.2.3")), Protocol.UDP, 53));
    assertEquals(Truth.NO, egress(c, me, new External(IpAddress.v4("10.96.0.10")), Protocol.UDP, 53), "except");
    PodEndpoint podInCidr = new PodEndpoint("default", ImmutableSortedMap.of(), ImmutableSortedMap.of(),
        ImmutableList.of(), Optional.of(IpAddress.v4("10.1.2.3")), false, "pod at 10.1.2.3");
    assertEquals(Truth.NO, egress(c, me, podInCidr, Protocol.TCP, 80), "a pod is never matched by a CIDR");
    Node node = new Node("n1", ImmutableSortedMap.of(), ImmutableList.of(IpAddress.v4("10.0.0.5")), SourceLocation.UNKNOWN);
    assertEquals(Truth.NO, egress(c, me, new External(IpAddress.v4("10.0.0.5"), Optional.of(node)), Protocol.TCP, 22),
        "nor a node");
  }

  /** fqdn.yaml: what a DNS name resolves to is not fixed: unknown, never a guess. */
  @Test
  void fqdn_isUnknown() throws Exception {
    Cluster c = upstream("fqdn.yaml");
    PodEndpoint app = pod("default", Map.of("app", "test-app"));
    assertEquals(Truth.MAYBE, egress(c, app, WORLD, Protocol.TCP, 443));
    assertEquals(Truth.YES, egress(c, app, pod("kube-system", Map.of("k8s-app", "kube-dns")), Protocol.UDP, 53));
  }

  /** host.yaml: whether a node is the pod's own host is unknown to npv. */
  @Test
  void hostEntity_isUnknownForNodesAndNoForPods() throws Exception {
    Cluster c = upstream("host.yaml");
    PodEndpoint dev = pod("default", Map.of("env", "dev"));
    Node node = new Node("n1", ImmutableSortedMap.of(), ImmutableList.of(IpAddress.v4("10.0.0.5")), SourceLocation.UNKNOWN);
    assertEquals(Truth.MAYBE, egress(c, dev, new External(IpAddress.v4("10.0.0.5"), Optional.of(node)), Protocol.TCP, 10250));
    assertEquals(Truth.NO, egress(c, dev, WORLD, Protocol.TCP, 443));
    assertEquals(Truth.NO, egress(c, dev, XWING, Protocol.TCP, 80));
  }

  /** Cilium enforces NetworkPolicies as its own rules: allows add up, a Cilium deny wins over an NP allow. */
  @Test
  void combine_withNetworkPolicies() throws Exception {
    Cluster c = upstream("egress-deny.yaml");
    PodEndpoint frontend = pod("default", Map.of("role", "frontend"));
    PodEndpoint backend = pod("default", Map.of("role", "backend"));
    CiliumSide denied = new CiliumEvaluator(c).side(Direction.EGRESS, frontend, backend, backend, Protocol.TCP, 80);
    assertEquals(Truth.NO, denied.combine(true, true), "deny wins over a NetworkPolicy allow");
    Cluster starWars = upstream("sw_l3_l4_policy.yaml");
    CiliumSide side = new CiliumEvaluator(starWars).side(Direction.INGRESS, DEATHSTAR, XWING, DEATHSTAR, Protocol.TCP, 80);
    assertEquals(Truth.YES, side.combine(true, true), "a NetworkPolicy allow adds to Cilium's");
    assertEquals(Truth.NO, side.combine(true, false));
    CiliumSide untouched = new CiliumEvaluator(starWars).side(Direction.INGRESS, XWING, TIEFIGHTER, XWING, Protocol.TCP, 80);
    assertTrue(untouched.untouched());
    assertEquals(Truth.NO, untouched.combine(true, false), "isolated by a NetworkPolicy alone");
    assertEquals(Truth.YES, untouched.combine(false, false));
  }

  /** rule.go: enableDefaultDeny false adds allows without isolating; named ports match case-insensitively. */
  @Test
  void noDefaultDeny_andNamedPorts() throws Exception {
    Cluster c = inline("""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p, namespace: default}
        spec:
          endpointSelector: {matchLabels: {app: web}}
          enableDefaultDeny: {ingress: false}
          ingress:
          - {fromEndpoints: [{matchLabels: {app: client}}], toPorts: [{ports: [{port: HTTP, protocol: TCP}]}]}
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: q, namespace: default}
        spec:
          endpointSelector: {matchLabels: {app: api}}
          ingress:
          - {toPorts: [{ports: [{port: http}]}]}
        """);
    PodEndpoint web = pod("default", Map.of("app", "web"));
    assertEquals(Truth.YES, ingress(c, XWING, web, Protocol.TCP, 9999), "not default deny: open");
    PodEndpoint api = pod("default", Map.of("app", "api"), new ContainerPort(Optional.of("http"), 8080, Protocol.TCP));
    assertEquals(Truth.YES, ingress(c, XWING, api, Protocol.TCP, 8080));
    assertEquals(Truth.NO, ingress(c, XWING, api, Protocol.TCP, 80));
    assertEquals(Truth.NO, ingress(c, XWING, api, Protocol.UDP, 8080), "the named port is TCP");
  }

  /** Three-valued logic: a deny that may match makes an allow unknown; YES and NO stay exact. */
  @Test
  void combine_threeValued() {
    CiliumSide maybeDeny = new CiliumSide(Direction.INGRESS, ImmutableList.of(), Truth.YES, Truth.YES, Truth.MAYBE,
        ImmutableList.of(), ImmutableList.of());
    assertEquals(Truth.MAYBE, maybeDeny.combine(false, false));
    CiliumSide maybeIsolated = new CiliumSide(Direction.INGRESS, ImmutableList.of(), Truth.MAYBE, Truth.NO, Truth.NO,
        ImmutableList.of(), ImmutableList.of());
    assertEquals(Truth.MAYBE, maybeIsolated.combine(false, false));
    assertEquals(Truth.YES, maybeIsolated.combine(false, true));
    assertFalse(Truth.MAYBE.certain());
    assertTrue(Truth.MAYBE.possible());
  }
}
