package dev.npv.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.eval.CalicoDecision;
import dev.npv.eval.CalicoEvaluator;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Calico encoder against the Calico evaluator on generated clusters (Calico policies in two tiers,
 * mixed with Kubernetes NetworkPolicies, network sets): for every connection between the known pods and
 * addresses, the encoder's formula with both ends pinned is true exactly when the evaluator allows.
 * Connections the evaluator cannot decide (UNKNOWN) are skipped; the test asserts how many it compared.
 */
class CalicoDifferentialTest {
  private static final String BASE = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: x, labels: {team: a}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: y, labels: {team: b}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: x, labels: {app: web, tier: front}}
      spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]}
      status: {podIP: 10.0.0.1}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: x, labels: {app: db}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.0.0.2}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: api, namespace: y, labels: {app: api, tier: back}}
      spec: {containers: [{name: c, image: i, ports: [{containerPort: 80, name: http}]}]}
      status: {podIP: 10.0.1.1}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: job, namespace: y, labels: {app: job-runner}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.0.1.2}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: bare, namespace: y}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.0.1.3}
      ---
      apiVersion: projectcalico.org/v3
      kind: NetworkSet
      metadata: {name: ext, namespace: x, labels: {role: ext}}
      spec: {nets: [198.51.100.0/28]}
      ---
      apiVersion: projectcalico.org/v3
      kind: GlobalNetworkSet
      metadata: {name: g, labels: {role: dns}}
      spec: {nets: [203.0.113.0/24]}
      """;
  private static final List<String> SELECTORS = List.of("all()", "app == 'web'", "app != 'db'", "has(tier)",
      "!has(tier)", "app in {'web', 'api'}", "app not in {'db'}", "app starts with 'jo'", "app ends with 'b'",
      "app contains 'e'", "tier == 'front' || app == 'db'", "role == 'ext'", "role == 'dns'", "pcns.team == 'b'",
      "has(pcns.team) && projectcalico.org/namespace != 'x'");
  private static final List<String> NAMESPACE_SELECTORS = List.of("team == 'a'", "projectcalico.org/name == 'y'",
      "all()", "has(team)");
  private static final List<String> ACTIONS = List.of("Allow", "Deny", "Pass", "Log", "Allow", "Deny");

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  private static String entity(Random r, boolean destination, boolean withPorts) {
    List<String> parts = new ArrayList<>();
    switch (r.nextInt(8)) {
      case 0 -> parts.add("selector: " + q(SELECTORS.get(r.nextInt(SELECTORS.size()))));
      case 1 -> parts.add("notSelector: " + q(SELECTORS.get(r.nextInt(SELECTORS.size()))));
      case 2 -> parts.add("namespaceSelector: " + q(NAMESPACE_SELECTORS.get(r.nextInt(NAMESPACE_SELECTORS.size()))));
      case 3 -> parts.add("namespaceSelector: global(), selector: \"role == 'dns'\"");
      case 4 -> parts.add("nets: [10.0.0.0/24]");
      case 5 -> parts.add("notNets: [10.0.1.0/24]");
      case 6 -> parts.add("selector: " + q(SELECTORS.get(r.nextInt(SELECTORS.size()))) + ", namespaceSelector: "
          + q(NAMESPACE_SELECTORS.get(r.nextInt(NAMESPACE_SELECTORS.size()))));
      default -> { }
    }
    if (destination && withPorts) {
      switch (r.nextInt(5)) {
        case 0 -> parts.add("ports: [80]");
        case 1 -> parts.add("ports: ['8000:9000']");
        case 2 -> parts.add("ports: [http]");
        case 3 -> parts.add("notPorts: [8080]");
        default -> { }
      }
    }
    return "{" + String.join(", ", parts) + "}";
  }

  private static String rules(Random r, String key) {
    int n = r.nextInt(3);
    if (n == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder("  " + key + ":\n");
    for (int i = 0; i < n; i++) {
      String protocol = List.of("", "TCP", "UDP", "6").get(r.nextInt(4));
      b.append("  - action: ").append(ACTIONS.get(r.nextInt(ACTIONS.size()))).append('\n');
      if (!protocol.isEmpty()) {
        b.append("    protocol: ").append(protocol).append('\n');
      } else if (r.nextInt(4) == 0) {
        b.append("    notProtocol: UDP\n");
      }
      b.append("    source: ").append(entity(r, false, false)).append('\n');
      b.append("    destination: ").append(entity(r, true, !protocol.isEmpty())).append('\n');
    }
    return b.toString();
  }

  private static String cluster(Random r) {
    StringBuilder b = new StringBuilder(BASE);
    b.append("---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 10")
        .append(r.nextBoolean() ? ", defaultAction: Pass" : "").append("}\n");
    int policies = 2 + r.nextInt(4);
    for (int i = 0; i < policies; i++) {
      boolean global = r.nextInt(3) == 0;
      String tier = i % 2 == 0 ? "security" : "default"; // both tiers in every cluster, so Pass has somewhere to go
      b.append("---\napiVersion: projectcalico.org/v3\nkind: ").append(global ? "GlobalNetworkPolicy" : "NetworkPolicy")
          .append("\nmetadata: {name: p").append(i).append(global ? "" : ", namespace: " + (r.nextBoolean() ? "x" : "y"))
          .append("}\nspec:\n  tier: ").append(tier).append('\n');
      List<String> orders = List.of("", "10", "1000", "2000");
      String order = orders.get(r.nextInt(orders.size()));
      if (!order.isEmpty()) {
        b.append("  order: ").append(order).append('\n');
      }
      b.append("  selector: ").append(q(SELECTORS.get(r.nextInt(SELECTORS.size())))).append('\n');
      if (global && r.nextBoolean()) {
        b.append("  namespaceSelector: ").append(q(NAMESPACE_SELECTORS.get(r.nextInt(NAMESPACE_SELECTORS.size()))))
            .append('\n');
      }
      b.append(rules(r, "ingress")).append(rules(r, "egress"));
    }
    if (r.nextBoolean()) {
      b.append("""
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: k8s, namespace: x}
          spec:
            podSelector: {matchLabels: {app: db}}
            ingress:
            - from: [{podSelector: {matchExpressions: [{key: tier, operator: Exists}]}}, {ipBlock: {cidr: 10.0.1.0/24, except: [10.0.1.2/32]}}]
              ports: [{port: 8080}, {port: http}]
          """);
    }
    return b.toString();
  }

  /** Pins an encoder end to a concrete endpoint: every variable the formula uses gets the endpoint's value. */
  private static BoolExpr pin(Context ctx, CalicoEncoder.End end, Endpoint e, Cluster c) {
    List<BoolExpr> eqs = new ArrayList<>();
    if (e instanceof Endpoint.External x) {
      eqs.add(ctx.mkNot(end.isPod));
      eqs.add(ctx.mkEq(end.ip, ctx.mkBV(x.ip().value().longValue(), 32)));
      return ctx.mkAnd(eqs.toArray(BoolExpr[]::new));
    }
    Endpoint.PodEndpoint p = (Endpoint.PodEndpoint) e;
    eqs.add(end.isPod);
    eqs.add(ctx.mkEq(end.namespace, ctx.mkString(p.namespace())));
    eqs.add(ctx.mkEq(end.ip, ctx.mkBV(p.ip().orElseThrow().value().longValue(), 32)));
    eqs.add(pinLabels(ctx, end.labels, p.labels()));
    eqs.add(pinLabels(ctx, end.namespaceLabels, p.namespaceLabels()));
    for (String key : end.namedKeys()) {
      String name = key.substring(0, key.indexOf('/'));
      int proto = Integer.parseInt(key.substring(key.indexOf('/') + 1));
      List<Integer> numbers = p.ports().stream().filter(cp -> cp.name().filter(name::equals).isPresent()
          && number(cp.protocol()) == proto).map(ContainerPort::port).toList();
      eqs.add(numbers.isEmpty() ? ctx.mkNot(end.hasNamedKey(key))
          : ctx.mkAnd(end.hasNamedKey(key), ctx.mkEq(end.namedPortKey(key), ctx.mkBV(numbers.get(0), 16))));
    }
    return ctx.mkAnd(eqs.toArray(BoolExpr[]::new));
  }

  private static int number(Protocol p) {
    return switch (p) {
      case TCP -> 6;
      case UDP -> 17;
      case SCTP -> 132;
    };
  }

  private static BoolExpr pinLabels(Context ctx, CalicoSelectorEncoder.SymbolicLabels l, Map<String, String> labels) {
    List<BoolExpr> eqs = new ArrayList<>();
    for (String k : l.keys()) {
      eqs.add(labels.containsKey(k) ? ctx.mkAnd(l.present(k), ctx.mkEq(l.value(k), ctx.mkString(labels.get(k))))
          : ctx.mkNot(l.present(k)));
    }
    return ctx.mkAnd(eqs.toArray(BoolExpr[]::new));
  }

  @Test
  void encoderAgreesWithTheEvaluatorOnEveryDecidedConnection() throws Exception {
    Random r = new Random(15L);
    int compared = 0;
    int allowed = 0;
    int unknown = 0;
    for (int n = 0; n < 25; n++) {
      String yaml = cluster(r);
      Cluster c = new ClusterLoader().loadTexts(List.of(new SourceText("gen.yaml", yaml)), LoadOptions.defaults())
          .cluster();
      List<Endpoint> ends = new ArrayList<>();
      for (Workload w : c.workloads()) {
        ends.addAll(Endpoints.of(c, w));
      }
      ends.add(new Endpoint.External(IpAddress.parse("198.51.100.5").orElseThrow()));
      ends.add(new Endpoint.External(IpAddress.parse("203.0.113.9").orElseThrow()));
      CalicoEvaluator evaluator = new CalicoEvaluator(c);
      try (Context ctx = new Context()) {
        CalicoEncoder encoder = new CalicoEncoder(ctx, c);
        assertEquals(Optional.empty(), encoder.unsupported(), yaml);
        CalicoEncoder.End src = new CalicoEncoder.End(ctx, "src");
        CalicoEncoder.End dst = new CalicoEncoder.End(ctx, "dst");
        IntExpr protocol = ctx.mkIntConst("protocol");
        BitVecExpr port = ctx.mkBVConst("port", 16);
        BoolExpr f = ctx.mkAnd(encoder.allows(Direction.EGRESS, src, dst, protocol, port),
            encoder.allows(Direction.INGRESS, src, dst, protocol, port));
        for (Endpoint a : ends) {
          for (Endpoint b : ends) {
            if (a instanceof Endpoint.External && b instanceof Endpoint.External) {
              continue;
            }
            for (Object[] pp : new Object[][] {{Protocol.TCP, 80}, {Protocol.TCP, 8080}, {Protocol.TCP, 5432},
                {Protocol.UDP, 80}}) {
              Connection conn = new Connection(a, b, (Protocol) pp[0], (Integer) pp[1]);
              CalicoDecision d = evaluator.decide(conn);
              if (d.verdict() == CalicoDecision.Verdict.UNKNOWN) {
                unknown++;
                continue;
              }
              Solver s = ctx.mkSolver();
              s.add(pin(ctx, src, a, c), pin(ctx, dst, b, c), ctx.mkEq(protocol, ctx.mkInt(number(conn.protocol()))),
                  ctx.mkEq(port, ctx.mkBV(conn.port(), 16)));
              assertEquals(Status.SATISFIABLE, s.check());
              Model m = s.getModel();
              boolean encoded = m.eval(f, true).isTrue();
              assertEquals(d.allowed(), encoded, conn + " in\n" + yaml + "\nevaluator: " + d);
              compared++;
              allowed += d.allowed() ? 1 : 0;
            }
          }
        }
      }
    }
    assertTrue(compared > 1000, "compared " + compared + ", unknown " + unknown);
    assertTrue(allowed > 100 && allowed < compared - 100, "both verdicts exercised: " + allowed + "/" + compared);
  }
}
