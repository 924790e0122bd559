package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSortedSet;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.model.CalicoAction;
import dev.npv.model.CalicoEntityRule;
import dev.npv.model.CalicoNetworkSet;
import dev.npv.model.CalicoPolicy;
import dev.npv.model.CalicoPort;
import dev.npv.model.CalicoProtocol;
import dev.npv.model.CalicoResources;
import dev.npv.model.CalicoRule;
import dev.npv.model.CalicoSelector;
import dev.npv.model.CalicoTier;
import dev.npv.model.Cidr;
import dev.npv.model.Direction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Strict loading of the Calico kinds; fixtures under calico/ (see its README for their sources). */
class CalicoLoaderTest {
  private static final String NS_X = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n";

  private static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults());
  }

  private static List<Diagnostic> errors(String yaml) {
    return assertThrows(InvalidInputException.class, () -> load(yaml)).diagnostics();
  }

  private static Diagnostic only(List<Diagnostic> ds, String code) {
    List<Diagnostic> of = ds.stream().filter(d -> d.code().equals(code)).toList();
    assertEquals(1, of.size(), () -> code + " once in " + ds);
    return of.get(0);
  }

  private static CalicoPolicy policy(String spec) throws InvalidInputException {
    return load(NS_X + "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\n"
        + "spec:\n" + spec).cluster().calico().policies().get(0);
  }

  private static List<Diagnostic> policyErrors(String spec) {
    return errors(NS_X + "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\n"
        + "spec:\n" + spec);
  }

  private static CalicoResources loadDir(String dir) throws InvalidInputException {
    return new ClusterLoader().load(List.of(Fixtures.resource(dir).toString()), LoadOptions.defaults())
        .cluster().calico();
  }

  @Test
  void referenceNetworkPolicySample() throws Exception {
    LoadResult r = new ClusterLoader().load(List.of(Fixtures.resource("calico/reference/networkpolicy.yaml")
        .toString()), LoadOptions.defaults());
    CalicoPolicy p = r.cluster().calico().policies().get(0);
    assertEquals(Optional.of("production"), p.namespace());
    assertEquals("allow-tcp-6379", p.name());
    assertEquals(CalicoTier.DEFAULT, p.tier());
    assertEquals(Optional.empty(), p.order());
    assertEquals(new CalicoSelector.Equal("role", "database"), p.selector());
    assertEquals(Set.of(Direction.INGRESS, Direction.EGRESS), p.types());
    CalicoRule in = p.ingress().get(0);
    assertEquals(CalicoAction.ALLOW, in.action());
    assertEquals(Optional.of(CalicoProtocol.named("TCP").orElseThrow()), in.protocol());
    assertEquals(Optional.of(new CalicoSelector.Equal("role", "frontend")), in.source().selector());
    assertEquals(List.of(new CalicoPort.Range(6379, 6379)), in.destination().ports());
    assertTrue(p.egress().get(0).source().isAny() && p.egress().get(0).destination().isAny());
    // The default tier exists implicitly, at Calico's DefaultTierOrder.
    assertEquals(List.of(CalicoTier.implicitDefault()), r.cluster().calico().tiers());
    // Still an unmodelled kind for the verdicts until both evaluators decide Calico policies.
    assertEquals(1, r.diagnostics().stream().filter(d -> d.code().equals(Codes.UNMODELLED_KIND)).count());
    // ... and kept aside as an unmodelled policy, so the verdicts it could change are UNKNOWN.
    assertEquals(List.of("NetworkPolicy projectcalico.org/v3 production"), r.cluster().unmodelledPolicies().stream()
        .map(u -> u.kind() + " " + u.apiVersion() + " " + u.namespace().orElse("*")).toList());
    assertEquals(0, r.cluster().policies().size(), "not a Kubernetes NetworkPolicy");
  }

  @Test
  void referenceGlobalPolicyTierAndSetSamples() throws Exception {
    CalicoResources c = loadDir("calico/reference");
    CalicoPolicy g = c.policies().stream().filter(CalicoPolicy::global).findFirst().orElseThrow();
    assertEquals("allow-tcp-port-6379", g.name());
    assertEquals(Optional.empty(), g.namespaceSelector());
    CalicoTier tier = c.tier("internal-access").orElseThrow();
    assertEquals(Optional.of(100.0), tier.order());
    assertEquals(CalicoAction.DENY, tier.defaultAction(), "defaultAction defaults to Deny");
    assertEquals("internal-access", c.tiers().get(0).name(), "order 100 comes before the default tier's 1000000");
    CalicoNetworkSet ns = c.networkSets().stream().filter(s -> !s.global()).findFirst().orElseThrow();
    assertEquals(Optional.of("staging"), ns.namespace());
    assertEquals(Map.of("role", "db"), ns.labels());
    assertEquals(List.of(Cidr.of("198.51.100.0/28"), Cidr.of("203.0.113.0/24")), ns.nets());
    CalicoNetworkSet gs = c.networkSets().stream().filter(CalicoNetworkSet::global).findFirst().orElseThrow();
    assertEquals("a-name-for-the-set", gs.name());
  }

  @Test
  void starsDemoLoadsIntoTheDefaultTierInOrder() throws Exception {
    CalicoResources c = loadDir("calico/stars");
    assertEquals(6, c.policies().size());
    // Within a tier: order (none here), then name.
    assertEquals(List.of("allow-ui", "allow-ui", "backend-policy", "default-deny", "default-deny", "frontend-policy"),
        c.policies().stream().map(CalicoPolicy::name).toList());
    CalicoPolicy frontend = c.policies().get(5);
    assertEquals(Set.of(Direction.INGRESS), frontend.types(), "types default to [Ingress] without egress rules");
    assertEquals(Optional.of(new CalicoSelector.Equal("role", "client")),
        frontend.ingress().get(0).source().namespaceSelector());
  }

  @Test
  void typesDefaultAsCalicoDoesNotAsKubernetes() throws Exception {
    assertEquals(Set.of(Direction.EGRESS), policy("  egress: [{action: Allow}]\n").types());
    assertEquals(Set.of(Direction.INGRESS, Direction.EGRESS),
        policy("  ingress: [{action: Deny}]\n  egress: [{action: Allow}]\n").types());
    assertEquals(Set.of(Direction.INGRESS), policy("  selector: all()\n").types());
  }

  @Test
  void crdShapeOfAClusterExportIsReadLikeV3() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkPolicy
        metadata: {name: default.p, namespace: x, resourceVersion: "12", uid: u}
        spec:
          tier: default
          order: 10.5
          selector: app == 'web'
          types: [Ingress]
          ingress:
          - action: Deny
            protocol: 6
            notProtocol: UDP
            source: {nets: [10.0.0.0/8], notNets: [10.1.0.0/16]}
            destination: {ports: [80, "8000:8080", http], notPorts: [8081]}
        """);
    CalicoPolicy p = r.cluster().calico().policies().get(0);
    assertEquals(Optional.of(10.5), p.order());
    CalicoRule rule = p.ingress().get(0);
    assertEquals(6, rule.protocol().orElseThrow().number());
    assertEquals(Optional.of(CalicoProtocol.named("UDP").orElseThrow()), rule.notProtocol());
    assertEquals(List.of(Cidr.of("10.0.0.0/8")), rule.source().nets());
    assertEquals(List.of(Cidr.of("10.1.0.0/16")), rule.source().notNets());
    assertEquals(List.of(new CalicoPort.Range(80, 80), new CalicoPort.Range(8000, 8080), new CalicoPort.Named("http")),
        rule.destination().ports());
    assertEquals(List.of(new CalicoPort.Range(8081, 8081)), rule.destination().notPorts());
  }

  @Test
  void entityRuleServiceAccountsAndSelectors() throws Exception {
    CalicoEntityRule src = policy("""
          ingress:
          - action: Pass
            source:
              selector: has(app) && app != 'db'
              notSelector: app starts with 'test-'
              namespaceSelector: projectcalico.org/name in {'x', 'y'}
              serviceAccounts: {names: [api, web], selector: team == 'a'}
        """).ingress().get(0).source();
    assertEquals(ImmutableSortedSet.of("api", "web"), src.serviceAccountNames());
    assertEquals(Optional.of(new CalicoSelector.Equal("team", "a")), src.serviceAccountSelector());
    assertEquals(Optional.of(new CalicoSelector.StartsWith("app", "test-")), src.notSelector());
  }

  @Test
  void namespacedAndGlobalCalicoObjectsDoNotClashWithKubernetesOnes() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        spec: {podSelector: {}}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        """);
    assertEquals(1, r.cluster().policies().size());
    assertEquals(1, r.cluster().calico().policies().size());
    // The same Calico object in both shapes is one object twice.
    List<Diagnostic> ds = errors(NS_X + """
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        """);
    only(ds, Codes.DUPLICATE_OBJECT);
  }

  @Test
  void selectorErrorsPointAtTheCharacterInTheFile() {
    Diagnostic plain = only(policyErrors("  selector: app = 'web'\n"), Codes.CALICO_SELECTOR);
    // Line 9 ("  selector: app = 'web'"), the '=' at column 17.
    assertEquals(new SourceLocation("t.yaml", 9, 17), plain.location());
    assertTrue(plain.message().contains("expected =="), plain.message());
    Diagnostic quoted = only(policyErrors("  selector: \"app == web\"\n"), Codes.CALICO_SELECTOR);
    assertEquals(new SourceLocation("t.yaml", 9, 21), quoted.location());
    assertTrue(quoted.message().contains("quote the value: 'web'"), quoted.message());
    Diagnostic inRule = only(policyErrors("  ingress:\n  - action: Allow\n    source: {selector: 'has(app'}\n"),
        Codes.CALICO_SELECTOR);
    // "    source: {selector: 'has(app'}": the quote at column 24, the missing ')' after "has(app".
    assertEquals(new SourceLocation("t.yaml", 11, 32), inRule.location());
    Diagnostic block = only(policyErrors("  selector: >\n    app == 'web'\n"), Codes.CALICO_SELECTOR);
    assertTrue(block.message().contains("'>-'"), "a folded scalar keeps a newline Calico refuses: " + block);
  }

  @Test
  void globalSelectorOnlyAloneInAnEntityNamespaceSelector() throws Exception {
    CalicoEntityRule e = policy("  egress:\n  - action: Allow\n    destination: {namespaceSelector: global(),"
        + " selector: role == 'db'}\n").egress().get(0).destination();
    assertEquals(Optional.of(new CalicoSelector.Global()), e.namespaceSelector());
    only(policyErrors("  selector: global()\n"), Codes.CALICO_GLOBAL_SELECTOR);
    only(policyErrors("  egress:\n  - action: Allow\n    destination: {selector: global()}\n"),
        Codes.CALICO_GLOBAL_SELECTOR);
    only(policyErrors("  egress:\n  - action: Allow\n    destination: {namespaceSelector: global() || a == 'b'}\n"),
        Codes.CALICO_GLOBAL_SELECTOR);
  }

  @Test
  void ruleRefusalsMirrorCalicosValidator() {
    only(policyErrors("  ingress: [{action: allow}]\n"), Codes.CALICO_ACTION);
    only(policyErrors("  ingress: [{protocol: TCP}]\n"), Codes.MISSING_FIELD);
    only(policyErrors("  ingress: [{action: Allow, protocol: tcp}]\n"), Codes.CALICO_PROTOCOL);
    only(policyErrors("  ingress: [{action: Allow, protocol: 256}]\n"), Codes.CALICO_PROTOCOL);
    only(policyErrors("  ingress: [{action: Allow, destination: {ports: [80]}}]\n"), Codes.CALICO_PORTS_PROTOCOL);
    only(policyErrors("  ingress: [{action: Allow, protocol: ICMP, destination: {ports: [80]}}]\n"),
        Codes.CALICO_PORTS_PROTOCOL);
    only(policyErrors("  ingress: [{action: Allow, protocol: TCP, destination: {ports: ['90:80']}}]\n"),
        Codes.CALICO_PORT);
    only(policyErrors("  ingress: [{action: Allow, protocol: TCP, destination: {ports: [70000]}}]\n"),
        Codes.CALICO_PORT);
    only(policyErrors("  ingress: [{action: Allow, protocol: TCP, destination: {ports: ['a b']}}]\n"),
        Codes.CALICO_PORT);
    only(policyErrors("  ingress: [{action: Allow, source: {nets: [10.0.0.0/33]}}]\n"), Codes.CALICO_NETS);
    only(policyErrors("  ingress: [{action: Allow, source: {notNets: [0.0.0.0/0]}}]\n"), Codes.CALICO_NETS);
    only(policyErrors("  ingress: [{action: Allow, source: {nets: [10.0.0.0/8]}, destination: {nets: ['fd00::/8']}}]\n"),
        Codes.CALICO_NETS);
    only(policyErrors("  ingress: [{action: Allow, ipVersion: 6, source: {nets: [10.0.0.0/8]}}]\n"),
        Codes.CALICO_IP_VERSION);
    only(policyErrors("  ingress: [{action: Allow, ipVersion: 5}]\n"), Codes.CALICO_IP_VERSION);
    only(policyErrors("  ingress: [{action: Allow, protocol: ICMP, icmp: {code: 3}}]\n"), Codes.CALICO_ICMP);
    only(policyErrors("  egress: [{action: Allow, http: {methods: [GET]}}]\n"), Codes.CALICO_HTTP);
    only(policyErrors("  egress: [{action: Allow, source: {services: {name: s}}}]\n"), Codes.CALICO_SERVICES);
    only(policyErrors("  egress: [{action: Allow, destination: {services: {name: s}, selector: a == 'b'}}]\n"),
        Codes.CALICO_SERVICES);
    only(policyErrors("  ingress: [{action: Allow, source: {podSelector: {}}}]\n"), Codes.UNKNOWN_FIELD);
    only(policyErrors("  types: [ingress]\n"), Codes.CALICO_TYPES);
    only(policyErrors("  types: [Ingress, Ingress]\n"), Codes.CALICO_TYPES);
    only(policyErrors("  order: high\n"), Codes.CALICO_ORDER);
    only(policyErrors("  podSelector: {}\n"), Codes.UNKNOWN_FIELD);
    only(policyErrors("  namespaceSelector: all()\n"), Codes.UNKNOWN_FIELD);
  }

  @Test
  void protocolNamesAndNumbersAndNamedPortsWithoutProtocol() throws Exception {
    CalicoRule r = policy("  ingress: [{action: Allow, protocol: SCTP, notProtocol: \"17\","
        + " destination: {ports: ['1000:2000']}}]\n").ingress().get(0);
    assertEquals(132, r.protocol().orElseThrow().number());
    assertEquals(17, r.notProtocol().orElseThrow().number());
    // libcalico-go's validateRule: named ports need no protocol, numbers do.
    assertEquals(List.of(new CalicoPort.Named("metrics")),
        policy("  ingress: [{action: Allow, destination: {ports: [metrics]}}]\n").ingress().get(0).destination().ports());
  }

  @Test
  void icmpHttpAndServicesAreReadAndWarnedAsNotModelled() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        spec:
          ingress:
          - action: Allow
            protocol: ICMP
            icmp: {type: 8, code: 0}
            http: {methods: [GET], paths: [{exact: /a}, {prefix: /b}]}
          egress:
          - action: Allow
            destination: {services: {name: kubernetes, namespace: default}}
        """);
    CalicoPolicy p = r.cluster().calico().policies().get(0);
    assertEquals(List.of("icmp", "http"), p.ingress().get(0).unmodelled());
    assertEquals(List.of("destination.services"), p.egress().get(0).unmodelled());
    assertEquals(2, r.diagnostics().stream().filter(d -> d.code().equals(Codes.CALICO_UNMODELLED_MATCH)).count());
  }

  @Test
  void tiers() throws Exception {
    String tier = "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\n"
        + "spec: {order: 10, defaultAction: Pass}\n---\n";
    LoadResult r = load(NS_X + tier + "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\n"
        + "metadata: {name: security.g}\nspec: {tier: security, order: 1, selector: all(),"
        + " namespaceSelector: has(projectcalico.org/name)}\n");
    CalicoResources c = r.cluster().calico();
    assertEquals(CalicoAction.PASS, c.tier("security").orElseThrow().defaultAction());
    assertEquals(List.of("security"), c.tiers().stream().map(CalicoTier::name).toList(),
        "the default tier is added only when a policy uses it");
    assertEquals(Optional.of(new CalicoSelector.Has("projectcalico.org/name")), c.policies().get(0).namespaceSelector());
    only(errors(NS_X + "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\n"
        + "spec: {tier: missing}\n"), Codes.CALICO_TIER_MISSING);
    only(errors("apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: a.b}\n"), Codes.CALICO_TIER);
    only(errors("apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: t}\nspec: {defaultAction: Allow}\n"),
        Codes.CALICO_TIER);
    only(errors("apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: default}\nspec: {order: 5}\n"),
        Codes.CALICO_TIER);
  }

  @Test
  void networkSetRefusals() {
    only(errors(NS_X + "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: x,"
        + " labels: {projectcalico.org/namespace: x}}\n"), Codes.CALICO_LABEL);
    only(errors("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s}\n"
        + "spec: {nets: [300.0.0.0/8]}\n"), Codes.CALICO_NETS);
    only(errors("apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s}\n"
        + "spec: {cidrs: [10.0.0.0/8]}\n"), Codes.UNKNOWN_FIELD);
  }

  @Test
  void hostEndpointOptionsAreWarnedAndTheirConstraintsChecked() throws Exception {
    String gnp = "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec:\n";
    LoadResult r = load(gnp + "  applyOnForward: true\n  preDNAT: true\n  ingress: [{action: Deny}]\n");
    assertTrue(r.cluster().calico().policies().get(0).hostEndpointOptions());
    only(r.diagnostics(), Codes.CALICO_HOST_ENDPOINT);
    only(errors(gnp + "  preDNAT: true\n"), Codes.CALICO_HOST_OPTIONS);
    assertFalse(errors(gnp + "  applyOnForward: true\n  preDNAT: true\n  doNotTrack: true\n").isEmpty());
  }

  @Test
  void calicoKindsOfOtherGroupsAreNotReadAsCalico() throws Exception {
    LoadResult r = load("apiVersion: example.com/v1\nkind: Tier\nmetadata: {name: t}\nspec: {anything: 1}\n");
    assertTrue(r.cluster().calico().isEmpty());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals(Codes.SKIPPED_KIND)));
  }

  @Test
  void typedCalicoListsAreFlattened() throws Exception {
    LoadResult r = load("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicyList
        items:
        - metadata: {name: a}
          spec: {order: 2}
        - metadata: {name: b}
          spec: {order: 1}
        """);
    assertEquals(List.of("b", "a"), r.cluster().calico().policies().stream().map(CalicoPolicy::name).toList());
  }
}
