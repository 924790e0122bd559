package dev.npv.addresses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.explain.ConcreteEndpoints;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.EndpointView;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Addresses the manifests do not give (issue 12, items 2 and 3): a pod of unknown address never takes
 * an address a known pod or node holds, it lies in the pod network when that is stated (--pod-cidr, or
 * Nodes' spec.podCIDRs), external addresses lie outside it, and a counterexample says which address it
 * assumed and that the manifests do not fix it.
 */
class UnknownAddressTest {
  /** api is a live Pod at 10.1.0.7; batch is a Deployment of which no pod is loaded (address unknown). */
  private static final String STAND_IN = """
      apiVersion: v1
      kind: Pod
      metadata: {name: api, namespace: t, labels: {app: api}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.7}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: t, labels: {app: db}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.9}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: batch, namespace: t}
      spec:
        selector: {matchLabels: {app: batch}}
        template: {metadata: {labels: {app: batch}}, spec: {containers: [{name: c, image: i}]}}
      ---
      # db admits api by its address only.
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-from-api, namespace: t}
      spec:
        podSelector: {matchLabels: {app: db}}
        ingress: [{from: [{ipBlock: {cidr: 10.1.0.7/32}}]}]
      """;

  /** Egress of web: anything but 10.0.0.0/8; worker's address is unknown. */
  private static final String EGRESS = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: t}
      spec:
        selector: {matchLabels: {app: web}}
        template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: i}]}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: worker, namespace: t}
      spec:
        selector: {matchLabels: {app: worker}}
        template: {metadata: {labels: {app: worker}}, spec: {containers: [{name: c, image: i}]}}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-out, namespace: t}
      spec:
        podSelector: {matchLabels: {app: web}}
        policyTypes: [Egress]
        egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]
      """;

  private static final String NODE_WITH_POD_CIDR = """
      ---
      apiVersion: v1
      kind: Node
      metadata: {name: n1}
      spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24]}
      status: {addresses: [{type: InternalIP, address: 192.168.0.10}]}
      """;

  private static Cluster load(String yaml) throws Exception {
    return new ClusterLoader().loadTexts(List.of(new SourceText("c.yaml", yaml)), LoadOptions.defaults()).cluster();
  }

  private static CheckResult check(Cluster c, EvaluatorOptions semantics, String world, String invariant)
      throws Exception {
    List<InvariantSet> sets = new SpecReader().read("s.yaml", """
        apiVersion: npv.dev/v1alpha1
        kind: InvariantSet
        metadata: {name: s}
        spec:
          world: %s
          invariants:
        %s""".formatted(world, invariant.indent(2)));
    VerifyOptions options = new VerifyOptions(Optional.empty(), new SessionOptions(semantics, 0, true));
    return new Verifier(c, options).verify(sets).results().get(0);
  }

  private static final String BATCH_TO_DB = """
      - name: batch-never-reaches-db
        expect: deny
        from: {workload: t/batch}
        to: {workload: t/db}
      """;

  @Test
  void templateStandIn_neverTakesALivePodsAddress() throws Exception {
    // Before: the solver gave batch api's address 10.1.0.7, which db's ipBlock admits: VIOLATED.
    CheckResult r = check(load(STAND_IN), EvaluatorOptions.DEFAULT, "closed", BATCH_TO_DB);
    assertEquals(Verdict.PROVEN, r.verdict(), r::toString);
  }

  @Test
  void templateStandIn_withAnOpenBlock_namesTheAddressItAssumed() throws Exception {
    String opened = STAND_IN.replace("10.1.0.7/32", "10.1.0.0/24");
    CheckResult r = check(load(opened), EvaluatorOptions.DEFAULT, "closed", BATCH_TO_DB);
    assertEquals(Verdict.VIOLATED, r.verdict(), r::toString);
    EndpointView src = r.counterexample().orElseThrow().source();
    assertEquals(EndpointView.Address.ASSUMED, src.address());
    IpAddress ip = IpAddress.parse(src.ip().orElseThrow()).orElseThrow();
    assertTrue(Cidr.of("10.1.0.0/24").contains(ip), src.toString());
    assertNotEquals(IpAddress.v4("10.1.0.7"), ip, "api's address");
    assertNotEquals(IpAddress.v4("10.1.0.9"), ip, "db's address");
    assertTrue(src.describe().contains("address not given by the manifests; any pod address not held by another pod"),
        src.describe());
  }

  @Test
  void addressThatDoesNotMatter_isLeftOut() throws Exception {
    CheckResult r = check(load(STAND_IN), EvaluatorOptions.DEFAULT, "closed", """
        - name: batch-reaches-api
          expect: deny
          from: {workload: t/batch}
          to: {workload: t/api}
        """);
    assertEquals(Verdict.VIOLATED, r.verdict(), r::toString);
    Counterexample cex = r.counterexample().orElseThrow();
    assertEquals(EndpointView.Address.UNKNOWN, cex.source().address());
    assertEquals(Optional.empty(), cex.source().ip(), "no invented address");
    assertEquals(EndpointView.Address.GIVEN, cex.destination().address());
    assertEquals(Optional.of("10.1.0.7"), cex.destination().ip());
  }

  private static final String WEB_TO_PODS = """
      - name: web-egress-closed-to-pods
        expect: deny
        from: {workload: t/web}
        to: {namespace: t}
      """;

  @Test
  void exceptPodNetwork_isProvenClosedToPods_onlyWhenThePodNetworkIsStated() throws Exception {
    Cluster c = load(EGRESS);
    CheckResult unstated = check(c, EvaluatorOptions.DEFAULT, "closed", WEB_TO_PODS);
    assertEquals(Verdict.VIOLATED, unstated.verdict(), "without --pod-cidr worker may be at 11.0.0.0");
    EvaluatorOptions stated = EvaluatorOptions.DEFAULT.withPodCidrs(List.of(Cidr.of("10.244.0.0/16")));
    assertEquals(Verdict.PROVEN, check(c, stated, "closed", WEB_TO_PODS).verdict());
    assertEquals(Verdict.PROVEN, check(c, stated, "open", WEB_TO_PODS).verdict(), "new pods are in it too");
  }

  @Test
  void nodesPodCidr_statesThePodNetwork() throws Exception {
    Cluster c = load(EGRESS + NODE_WITH_POD_CIDR);
    assertEquals(List.of(Cidr.of("10.244.1.0/24")), c.nodes().get(0).podCidrs());
    assertEquals(Verdict.PROVEN, check(c, EvaluatorOptions.DEFAULT, "closed", WEB_TO_PODS).verdict());
  }

  @Test
  void evaluator_decidesAnUnknownAddressOnlyWhenThePodNetworkDecidesIt() throws Exception {
    Cluster c = load(EGRESS);
    Endpoint web = Endpoints.of(c, c.workload("t", "web").orElseThrow()).get(0);
    Endpoint worker = Endpoints.of(c, c.workload("t", "worker").orElseThrow()).get(0);
    Connection conn = new Connection(web, worker, Protocol.TCP, 80);
    assertFalse(new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT).allows(conn), "depends: read as no match");
    EvaluatorOptions outside = EvaluatorOptions.DEFAULT.withPodCidrs(List.of(Cidr.of("10.244.0.0/16")));
    assertFalse(new ReferenceEvaluator(c, outside).allows(conn));
    EvaluatorOptions inside = EvaluatorOptions.DEFAULT.withPodCidrs(List.of(Cidr.of("100.64.0.0/16")));
    assertTrue(new ReferenceEvaluator(c, inside).allows(conn), "the whole pod network is in the block");
    assertEquals(Verdict.PROVEN, check(c, inside, "closed", """
        - name: web-reaches-worker
          expect: allow
          from: {workload: t/web}
          to: {workload: t/worker}
          ports: [{protocol: TCP, port: 80}]
        """).verdict());
  }

  @Test
  void explain_takesTheAddressACounterexampleNamed() throws Exception {
    Cluster c = load(STAND_IN.replace("10.1.0.7/32", "10.1.0.0/24"));
    ReferenceEvaluator eval = new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT);
    Endpoint db = ConcreteEndpoints.parse(c, List.of("t/db"));
    Endpoint inside = ConcreteEndpoints.parse(c, List.of("t/batch@10.1.0.50"));
    Endpoint outside = ConcreteEndpoints.parse(c, List.of("t/batch@10.2.0.1"));
    assertEquals(Optional.of(IpAddress.v4("10.1.0.50")), inside.address());
    assertTrue(eval.allows(new Connection(inside, db, Protocol.TCP, 5432)), "in db's block");
    assertFalse(eval.allows(new Connection(outside, db, Protocol.TCP, 5432)), "outside it");
    Assertions.assertThrows(IllegalArgumentException.class,
        () -> ConcreteEndpoints.parse(c, List.of("t/batch@10.1.0.7")), "api holds 10.1.0.7");
    Assertions.assertThrows(IllegalArgumentException.class,
        () -> ConcreteEndpoints.parse(c, List.of("t/api@10.1.0.8")), "api's address is given");
  }
}
