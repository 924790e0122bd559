package dev.npv.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.eval.CiliumEvaluator;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Truth;
import dev.npv.load.ClusterLoader;
import dev.npv.load.Fixtures;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.spec.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Cilium encoding against the Cilium evaluator: for every pair of concrete ends of a cluster (its
 * workloads, an outside address, a node), both directions and a few protocols and ports, the encoded
 * side pinned to that connection must be exactly the evaluator's three-valued verdict ("may" and
 * "must" forced to the same values). The two are written independently; a disagreement is a bug in one.
 */
class CiliumEncoderTest {
  /** Pods the upstream examples select or name, in two namespaces, and one node. */
  private static final String WORKLOADS = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: default, labels: {team: core}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: other}
      ---
      apiVersion: v1
      kind: Node
      metadata: {name: n1, labels: {role: worker}}
      status: {addresses: [{type: InternalIP, address: 10.0.0.5}]}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: frontend, namespace: default, labels: {role: frontend, app: myService, env: dev}}
      spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 8080}]}]}
      status: {podIP: 10.1.0.1}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: backend, namespace: default, labels: {role: backend, app: test-app}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.2}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: dns, namespace: other, labels: {k8s-app: kube-dns, role: backend}}
      spec: {containers: [{name: c, image: i, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]}
      status: {podIP: 10.1.0.3}
      """;
  private static final String EXTRA = """
      apiVersion: cilium.io/v2
      kind: CiliumClusterwideNetworkPolicy
      metadata: {name: extra}
      specs:
      - endpointSelector: {matchLabels: {k8s-app: kube-dns}}
        enableDefaultDeny: {ingress: false}
        ingress:
        - {fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: core}}], toPorts: [{ports: [{port: dns, protocol: UDP}]}]}
        ingressDeny:
        - {fromEntities: [remote-node]}
      - endpointSelector: {matchLabels: {role: backend}}
        egress:
        - {toNodes: [{matchLabels: {role: worker}}]}
        - {toEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: sa}}]}
        - {toEntities: [world-ipv4], toPorts: [{ports: [{port: "80", endPort: 81, protocol: TCP}]}]}
        egressDeny:
        - {toCIDR: [20.1.1.0/24], toPorts: [{ports: [{port: "81"}]}]}
      """;

  static Stream<List<String>> cases() {
    return Stream.of(List.of("sw_l3_l4_policy.yaml", "http-sw-app.yaml"), List.of("sw_l3_l4_l7_policy.yaml",
        "http-sw-app.yaml"), List.of("sw_deny_policy.yaml", "http-sw-app.yaml"), List.of("egress-deny.yaml"),
        List.of("cidr.yaml"), List.of("fqdn.yaml"), List.of("host.yaml"), List.of("from_world_deny.yaml"),
        List.of("host-policy.yaml"), List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void encodingAgreesWithTheEvaluatorOnEveryConcreteConnection(List<String> files) throws Exception {
    List<SourceText> texts = new ArrayList<>();
    texts.add(new SourceText("workloads.yaml", WORKLOADS));
    texts.add(new SourceText("extra.yaml", EXTRA));
    for (String f : files) {
      Path p = Fixtures.resource("cilium/upstream/" + f);
      texts.add(new SourceText(p.toString(), Files.readString(p)));
    }
    Cluster cluster = new ClusterLoader().loadTexts(texts, LoadOptions.defaults()).cluster();
    List<Endpoint> concrete = new ArrayList<>();
    cluster.workloads().forEach(w -> concrete.add(Endpoints.of(cluster, w).get(0)));
    concrete.add(new Endpoint.External(IpAddress.v4("20.1.1.1")));
    concrete.add(new Endpoint.External(IpAddress.v4("10.0.0.5"), cluster.nodeAt(IpAddress.v4("10.0.0.5"))));
    CiliumEvaluator evaluator = new CiliumEvaluator(cluster);
    Universe u = new Universe(cluster, List.of());
    int compared = 0;
    try (Context ctx = new Context()) {
      ConnectionEncoder enc = new ConnectionEncoder(ctx, u, EvaluatorOptions.DEFAULT);
      CiliumEncoder cilium = new CiliumEncoder(ctx, u, enc);
      SymbolicConnection c = SymbolicConnection.of(ctx, u);
      Solver solver = ctx.mkSolver();
      enc.connectionFacts(c).forEach(solver::add);
      solver.add(enc.world(c.src, World.CLOSED), enc.world(c.dst, World.CLOSED));
      for (Direction d : Direction.values()) {
        boolean in = d == Direction.INGRESS;
        SymbolicEndpoint self = in ? c.dst : c.src;
        SymbolicEndpoint peer = in ? c.src : c.dst;
        CiliumEncoder.Tri side = cilium.side(d, self, peer, c.dst, c.protocol, c.port, ctx.mkFalse(), ctx.mkFalse());
        for (int i = 0; i < concrete.size(); i++) {
          for (int j = 0; j < concrete.size(); j++) {
            if (i == j || concrete.get(i) instanceof Endpoint.External && concrete.get(j) instanceof Endpoint.External) {
              continue;
            }
            for (Protocol proto : List.of(Protocol.TCP, Protocol.UDP)) {
              for (int port : List.of(53, 80, 81, 8080)) {
                Endpoint src = concrete.get(i);
                Endpoint dst = concrete.get(j);
                Truth expected = evaluator.side(d, in ? dst : src, in ? src : dst, dst, proto, port).combine(false, false);
                List<BoolExpr> pin = new ArrayList<>();
                pin.add(pinned(ctx, cluster, c.src, src));
                pin.add(pinned(ctx, cluster, c.dst, dst));
                pin.add(SymbolicConnection.protocolIs(ctx, c.protocol, proto));
                pin.add(ctx.mkEq(c.port, ctx.mkBV(port, 16)));
                String at = d + " " + src.display() + " -> " + dst.display() + " " + proto + "/" + port;
                assertEquals(Status.SATISFIABLE, solver.check(pin.toArray(new BoolExpr[0])), "pinned: " + at);
                assertEquals(expected.possible(), forced(ctx, solver, pin, side.may()), "may: " + at);
                assertEquals(expected.certain(), forced(ctx, solver, pin, side.must()), "must: " + at);
                compared++;
              }
            }
          }
        }
      }
    }
    assertTrue(compared > 100, "compared " + compared);
  }

  /**
   * Whether {@code f} holds for the pinned connection: it must be decided either way (the pinned ends
   * fix every variable the formula reads), which is asserted too.
   */
  private static boolean forced(Context ctx, Solver solver, List<BoolExpr> pin, BoolExpr f) {
    List<BoolExpr> q = new ArrayList<>(pin);
    q.add(ctx.mkNot(f));
    boolean holds = solver.check(q.toArray(new BoolExpr[0])) == Status.UNSATISFIABLE;
    q.set(q.size() - 1, f);
    boolean fails = solver.check(q.toArray(new BoolExpr[0])) == Status.UNSATISFIABLE;
    assertTrue(holds != fails, "the pinned connection decides the formula");
    return holds;
  }

  private static BoolExpr pinned(Context ctx, Cluster cluster, SymbolicEndpoint e, Endpoint concrete) {
    if (concrete instanceof Endpoint.External x) {
      return ctx.mkAnd(e.ext, ConnectionEncoder.hasAddress(ctx, e, x.ip()));
    }
    Endpoint.PodEndpoint pod = (Endpoint.PodEndpoint) concrete;
    int index = -1;
    for (int i = 0; i < cluster.workloads().size(); i++) {
      if (cluster.workloads().get(i).id().equals(pod.display())) {
        index = i;
      }
    }
    return ctx.mkAnd(ctx.mkNot(e.ext), ctx.mkEq(e.workload, ctx.mkInt(index)));
  }
}
