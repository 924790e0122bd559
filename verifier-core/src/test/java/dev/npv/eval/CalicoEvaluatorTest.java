package dev.npv.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.eval.CalicoDecision.Verdict;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Calico's tier walk on concrete connections. Expected results come from Calico's documentation: the
 * Stars policy demo's stated outcomes (calico/stars, see its README), the policy and tier reference
 * ("Policies with higher order are applied after those with lower order ... If the order is omitted,
 * it may be considered to be infinite"; Pass "skips to the next tier"; defaultAction Deny unless Pass),
 * Kubernetes NetworkPolicies in the default tier at order 1000, and the namespace profiles' allow for
 * endpoints no policy selects.
 */
class CalicoEvaluatorTest {
  private static final String NS = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: x, labels: {team: a}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: x, labels: {app: web}}
      spec: {containers: [{name: c, image: i, ports: [{containerPort: 8080, name: http}]}]}
      status: {podIP: 10.0.0.1}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: x, labels: {app: db}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.0.0.2}
      ---
      """;

  private static Cluster load(String yaml) throws Exception {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults()).cluster();
  }

  private static PodEndpoint pod(Cluster c, String ns, String name) {
    return Endpoints.of(c, c.workload(ns, name).orElseThrow()).get(0);
  }

  private static Verdict verdict(Cluster c, Endpoint src, Endpoint dst, int port) {
    return new CalicoEvaluator(c).decide(new Connection(src, dst, Protocol.TCP, port)).verdict();
  }

  private static Verdict webToDb(String policies, int port) throws Exception {
    Cluster c = load(NS + policies);
    return verdict(c, pod(c, "x", "web"), pod(c, "x", "db"), port);
  }

  private static String calico(String name, String spec) {
    return "---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: " + name
        + ", namespace: x}\nspec:\n" + spec;
  }

  @Test
  void starsDemoOutcomes() throws Exception {
    Path dir = Path.of(Objects.requireNonNull(getClass().getClassLoader().getResource("calico/stars")).toURI());
    Cluster c = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
    PodEndpoint ui = pod(c, "management-ui", "management-ui");
    PodEndpoint frontend = pod(c, "stars", "frontend");
    PodEndpoint backend = pod(c, "stars", "backend");
    PodEndpoint client = pod(c, "client", "client");
    // "The UI ... should now show the Services": the UI reaches every service.
    assertEquals(Verdict.ALLOW, verdict(c, ui, frontend, 80));
    assertEquals(Verdict.ALLOW, verdict(c, ui, backend, 80));
    assertEquals(Verdict.ALLOW, verdict(c, ui, client, 9000));
    // "The frontend can now access the backend (on TCP port 80 only)."
    assertEquals(Verdict.ALLOW, verdict(c, frontend, backend, 80));
    assertEquals(Verdict.DENY, verdict(c, frontend, backend, 6379));
    // "The backend cannot access the frontend at all."
    assertEquals(Verdict.DENY, verdict(c, backend, frontend, 80));
    // "The client can now access the frontend, but not the backend."
    assertEquals(Verdict.ALLOW, verdict(c, client, frontend, 80));
    assertEquals(Verdict.DENY, verdict(c, client, backend, 80));
    // "Neither the frontend nor the backend can initiate connections to the client."
    assertEquals(Verdict.DENY, verdict(c, frontend, client, 9000));
    assertEquals(Verdict.DENY, verdict(c, backend, client, 9000));
  }

  @Test
  void unselectedEndpointsGetTheProfileAllow() throws Exception {
    assertEquals(Verdict.ALLOW, webToDb("", 5432));
    // A policy that selects only other pods leaves db to its profile.
    assertEquals(Verdict.ALLOW, webToDb(calico("other", "  selector: app == 'cache'\n"), 5432));
  }

  @Test
  void aSelectingPolicyWithoutAMatchingRuleDeniesAtTheEndOfTheTier() throws Exception {
    assertEquals(Verdict.DENY, webToDb(calico("db", "  selector: app == 'db'\n  ingress:\n  - action: Allow\n"
        + "    protocol: TCP\n    destination: {ports: [5432]}\n"), 6379));
    assertEquals(Verdict.ALLOW, webToDb(calico("db", "  selector: app == 'db'\n  ingress:\n  - action: Allow\n"
        + "    protocol: TCP\n    destination: {ports: [5432]}\n"), 5432));
  }

  @Test
  void firstAllowOrDenyByOrderThenNameDecides() throws Exception {
    String deny = calico("b-deny", "  order: 10\n  selector: app == 'db'\n  ingress: [{action: Deny}]\n");
    String allow = calico("a-allow", "  order: 20\n  selector: app == 'db'\n  ingress: [{action: Allow}]\n");
    assertEquals(Verdict.DENY, webToDb(deny + allow, 1));
    String allowFirst = calico("a-allow", "  order: 10\n  selector: app == 'db'\n  ingress: [{action: Allow}]\n");
    assertEquals(Verdict.ALLOW, webToDb(deny + allowFirst, 1), "same order: by name, a-allow first");
    // Log matches and goes on to the next rule.
    assertEquals(Verdict.DENY, webToDb(calico("log", "  selector: app == 'db'\n  ingress: [{action: Log},"
        + " {action: Deny}, {action: Allow}]\n"), 1));
  }

  @Test
  void kubernetesPoliciesSitAtOrder1000AndAnUnorderedCalicoDenyComesAfter() throws Exception {
    String k8sAllow = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: x}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
        """;
    String unordered = calico("deny-all", "  selector: all()\n  ingress: [{action: Deny}]\n");
    assertEquals(Verdict.ALLOW, webToDb(k8sAllow + unordered, 80), "nil order is last: the Kubernetes allow wins");
    String ordered = calico("deny-all", "  order: 999\n  selector: all()\n  ingress: [{action: Deny}]\n");
    assertEquals(Verdict.DENY, webToDb(k8sAllow + ordered, 80), "order 999 comes before the converted 1000");
    // Kubernetes isolation alone: selected and not allowed is denied at the end of the default tier.
    String k8sIsolate = "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: iso, namespace: x}\n"
        + "spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}\n";
    assertEquals(Verdict.DENY, webToDb(k8sIsolate, 80));
  }

  @Test
  void passGoesToTheNextTierAndDefaultActionPassFallsThrough() throws Exception {
    String tier = "---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100}\n";
    String pass = "---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: security.pass}\n"
        + "spec: {tier: security, selector: all(), ingress: [{action: Pass, source: {selector: app == 'web'}}]}\n";
    String denyInDefault = calico("deny", "  selector: app == 'db'\n  ingress: [{action: Deny}]\n");
    // The security tier selects db but its only rule passes web's traffic on: the default tier decides.
    assertEquals(Verdict.DENY, webToDb(tier + pass + denyInDefault, 80));
    assertEquals(Verdict.ALLOW, webToDb(tier + pass, 80), "passed, no later tier selects db: the profile allows");
    // No rule matches in the security tier: its defaultAction decides (Deny, or Pass to the next tier).
    String other = "---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: security.o}\n"
        + "spec: {tier: security, selector: all(), ingress: [{action: Allow, source: {selector: app == 'none'}}]}\n";
    assertEquals(Verdict.DENY, webToDb(tier + other, 80));
    String passTier = tier.replace("{order: 100}", "{order: 100, defaultAction: Pass}");
    assertEquals(Verdict.ALLOW, webToDb(passTier + other, 80));
  }

  @Test
  void selectorSemanticsAndEntityCriteria() throws Exception {
    String db = "  selector: app == 'db'\n";
    // != matches a pod without the label: web has no 'tier' label.
    assertEquals(Verdict.ALLOW, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {selector: tier != 'x'}}]\n"), 1));
    assertEquals(Verdict.DENY, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {notSelector: app starts with 'we'}}]\n"), 1));
    assertEquals(Verdict.ALLOW, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {nets: [10.0.0.0/30],"
        + " notNets: [10.0.0.2/32]}}]\n"), 1));
    assertEquals(Verdict.DENY, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {notNets: [10.0.0.0/30]}}]\n"), 1));
    assertEquals(Verdict.ALLOW, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {namespaceSelector:"
        + " team == 'a' && projectcalico.org/name == 'x'}}]\n"), 1));
    assertEquals(Verdict.DENY, webToDb(calico("p", db + "  ingress: [{action: Allow, protocol: UDP}]\n"), 1));
    assertEquals(Verdict.ALLOW, webToDb(calico("p", db + "  ingress: [{action: Allow, notProtocol: UDP}]\n"), 1));
    assertEquals(Verdict.DENY, webToDb(calico("p", db + "  ingress: [{action: Allow, protocol: TCP,"
        + " destination: {ports: ['1:100'], notPorts: [80]}}]\n"), 80));
    assertEquals(Verdict.ALLOW, webToDb(calico("p", db + "  ingress: [{action: Allow, ipVersion: 4}]\n"), 1));
  }

  @Test
  void namespaceLabelsReachPodsAsPcnsAndServiceAccountLabelsAreUnknown() throws Exception {
    String db = "  selector: app == 'db'\n";
    assertEquals(Verdict.ALLOW, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {selector:"
        + " pcns.team == 'a' && pcns.projectcalico.org/name == 'x'}}]\n"), 1));
    assertEquals(Verdict.DENY, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {selector:"
        + " pcns.team == 'b'}}]\n"), 1));
    assertEquals(Verdict.UNKNOWN, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {selector:"
        + " pcsa.role == 'api'}}]\n"), 1));
    assertEquals(Verdict.UNKNOWN, webToDb(calico("p", "  selector: projectcalico.org/serviceaccount == 'db'\n"), 1));
  }

  @Test
  void namedPortsResolveOnTheDestinationPod() throws Exception {
    Cluster c = load(NS + calico("p", "  selector: app == 'web'\n  ingress: [{action: Allow, protocol: TCP,"
        + " destination: {ports: [http]}}]\n"));
    assertEquals(Verdict.ALLOW, verdict(c, pod(c, "x", "db"), pod(c, "x", "web"), 8080));
    assertEquals(Verdict.DENY, verdict(c, pod(c, "x", "db"), pod(c, "x", "web"), 80));
  }

  @Test
  void networkSetsAreMatchedByRuleSelectors() throws Exception {
    String set = "---\napiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: ext, namespace: x,"
        + " labels: {role: external-db}}\nspec: {nets: [198.51.100.0/28]}\n";
    Cluster c = load(NS + set + calico("egress", "  selector: app == 'web'\n  egress: [{action: Allow,"
        + " destination: {selector: role == 'external-db'}}]\n"));
    PodEndpoint web = pod(c, "x", "web");
    assertEquals(Verdict.ALLOW, verdict(c, web, new Endpoint.External(IpAddress.parse("198.51.100.3").orElseThrow()), 5432));
    assertEquals(Verdict.DENY, verdict(c, web, new Endpoint.External(IpAddress.parse("198.51.100.30").orElseThrow()), 5432));
    // A GlobalNetworkSet is selected through namespaceSelector: global().
    String gset = "---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: g, labels:"
        + " {role: dns}}\nspec: {nets: [192.0.2.53/32]}\n";
    Cluster g = load(NS + gset + calico("egress", "  selector: app == 'web'\n  egress: [{action: Allow,"
        + " destination: {namespaceSelector: global(), selector: role == 'dns'}}]\n"));
    assertEquals(Verdict.ALLOW, verdict(g, pod(g, "x", "web"),
        new Endpoint.External(IpAddress.parse("192.0.2.53").orElseThrow()), 53));
    assertEquals(Verdict.DENY, verdict(g, pod(g, "x", "web"), pod(g, "x", "db"), 53), "global() selects no pod");
  }

  @Test
  void whatTheManifestsDoNotSayIsUnknownNeverAGuess() throws Exception {
    String db = "  selector: app == 'db'\n";
    // The pod's service account is not in the manifests.
    assertEquals(Verdict.UNKNOWN, webToDb(calico("p", db + "  ingress: [{action: Allow, source: {serviceAccounts:"
        + " {names: [api]}}}]\n"), 1));
    // The connection's source port is not known.
    assertEquals(Verdict.UNKNOWN, webToDb(calico("p", db + "  ingress: [{action: Allow, protocol: TCP, source:"
        + " {ports: [1000]}}]\n"), 1));
    // HTTP fields are below L4.
    assertEquals(Verdict.UNKNOWN, webToDb(calico("p", db + "  ingress: [{action: Allow, http: {methods: [GET]}}]\n"), 1));
    assertEquals(Verdict.UNKNOWN, webToDb(calico("p", "  serviceAccountSelector: role == 'x'\n"), 1));
    // ...unless both branches agree: a MAYBE Allow followed by an Allow allows either way.
    assertEquals(Verdict.ALLOW, webToDb(calico("p", db + "  ingress: [{action: Allow, http: {methods: [GET]}},"
        + " {action: Allow}]\n"), 1));
    assertEquals(Verdict.UNKNOWN, webToDb(calico("p", db + "  ingress: [{action: Deny, http: {methods: [GET]}},"
        + " {action: Allow}]\n"), 1));
    // ...and a criterion that cannot match decides: ICMP rules never match a TCP connection.
    assertEquals(Verdict.DENY, webToDb(calico("p", db + "  ingress: [{action: Allow, protocol: ICMP, icmp: {type: 8}}]\n"), 1));
    CalicoDecision d = new CalicoEvaluator(load(NS + calico("p", db + "  ingress: [{action: Allow, http: {methods: [GET]}}]\n")))
        .decide(new Connection(pod(load(NS), "x", "web"), pod(load(NS), "x", "db"), Protocol.TCP, 1));
    assertTrue(d.reason().orElseThrow().contains("http"), d.toString());
  }

  @Test
  void decisionsNameTheTierPolicyOrderAndRule() throws Exception {
    Cluster c = load(NS + calico("db", "  order: 5\n  selector: app == 'db'\n  ingress: [{action: Deny}]\n"));
    CalicoDecision d = new CalicoEvaluator(c).decide(new Connection(pod(c, "x", "web"), pod(c, "x", "db"), Protocol.TCP, 1));
    assertEquals("[tier default] NetworkPolicy x/db order 5.0 ingress rule 0 (Deny)", d.step());
  }
}
