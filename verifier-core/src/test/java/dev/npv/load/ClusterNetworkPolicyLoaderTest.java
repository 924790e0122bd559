package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminApi;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminTier;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.UnmodelledPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The strict reader of policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy, against the CRD's
 * validation in kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go. Every test
 * here runs for v1beta1 too ({@link ClusterNetworkPolicyV1beta1LoaderTest}), whose schema is the same but
 * for the CIDR rule.
 */
class ClusterNetworkPolicyLoaderTest {
  /** The apiVersion of the policies these tests write. */
  String apiVersion() {
    return "policy.networking.k8s.io/v1alpha2";
  }

  static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults());
  }

  /** A CNP named a whose spec holds {@code spec} (YAML lines indented by two). */
  String cnp(String spec) {
    return cnp("a", spec);
  }

  String cnp(String name, String spec) {
    return "apiVersion: " + apiVersion() + "\nkind: ClusterNetworkPolicy\nmetadata: {name: " + name + "}\nspec:\n"
        + spec.indent(2);
  }

  static Diagnostic error(String yaml, String code) {
    List<Diagnostic> ds = assertThrows(InvalidInputException.class, () -> load(yaml)).diagnostics();
    return ds.stream().filter(d -> d.code().equals(code)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " in " + ds));
  }

  static boolean has(List<Diagnostic> ds, String code) {
    return ds.stream().anyMatch(d -> d.code().equals(code));
  }

  @Test
  void readsEveryFieldOfTheApi() throws Exception {
    AdminPolicy p = load(cnp("""
        tier: Baseline
        priority: 7
        subject: {pods: {podSelector: {matchLabels: {app: w}}}}
        ingress:
        - name: r0
          action: Pass
          from: [{namespaces: {}}, {pods: {podSelector: {matchLabels: {app: c}}}}]
          protocols:
          - tcp: {destinationPort: {number: 80}}
          - udp: {destinationPort: {range: {start: 50, end: 60}}}
          - sctp: {destinationPort: {number: 9}}
          - destinationNamedPort: http
        egress:
        - action: Accept
          to: [{networks: [10.0.0.0/8, "fd00::/8"]}]
        """)).cluster().adminPolicies().get(0);
    assertEquals(AdminApi.CNP, p.api());
    assertEquals(AdminTier.BASELINE, p.tier());
    assertEquals(7, p.priority());
    // NamespacedPod.namespaceSelector is optional in v1alpha2: "if empty, it selects all Namespaces".
    assertEquals(LabelSelector.ALL, p.subject().namespaceSelector());
    assertEquals(LabelSelector.matchLabels(Map.of("app", "w")), p.subject().podSelector());
    assertEquals(AdminAction.PASS, p.ingress().get(0).action());
    assertEquals(new Peer.Pods(Optional.of(LabelSelector.ALL), Optional.of(LabelSelector.matchLabels(
        Map.of("app", "c")))), p.ingress().get(0).peers().get(1));
    List<PolicyPort> ports = p.ingress().get(0).ports();
    assertEquals(new PolicyPort(Protocol.TCP, new PortSpec.Range(80, 80)), ports.get(0));
    assertEquals(new PolicyPort(Protocol.UDP, new PortSpec.Range(50, 60)), ports.get(1));
    assertEquals(new PolicyPort(Protocol.SCTP, new PortSpec.Range(9, 9)), ports.get(2));
    assertEquals(6, ports.size()); // the named port once per protocol
    assertEquals(AdminAction.ALLOW, p.egress().get(0).action()); // Accept
    assertEquals(2, p.egress().get(0).peers().size());
    assertEquals("[CNP Baseline] a", p.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      // Lines: spec is line 4, tier 5, priority 6, subject 7, the rules 8.
      // spec.tier and spec.priority are required; tier is the enum Admin | Baseline; priority 0..1000.
      "no tier;priority: 1|subject: {namespaces: {}};NPV-E-MISSING-FIELD;4",
      "lower-case tier;tier: admin|priority: 1|subject: {namespaces: {}};NPV-E-CNP-TIER;5",
      "no priority in Baseline;tier: Baseline|subject: {namespaces: {}};NPV-E-MISSING-FIELD;4",
      "priority above 1000;tier: Admin|priority: 1001|subject: {namespaces: {}};NPV-E-ADMIN-PRIORITY;6",
      "negative priority;tier: Baseline|priority: -1|subject: {namespaces: {}};NPV-E-ADMIN-PRIORITY;6",
      "no subject;tier: Admin|priority: 1;NPV-E-MISSING-FIELD;4",
      "empty subject;tier: Admin|priority: 1|subject: {};NPV-E-ADMIN-ONE-OF;7",
      "subject pods without podSelector;tier: Admin|priority: 1|subject: {pods: {namespaceSelector: {}}};"
          + "NPV-E-MISSING-FIELD;7",
      // Actions are Accept, Deny, Pass: the v1alpha1 'Allow' is not one.
      "Allow is v1alpha1;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Allow, from: "
          + "[{namespaces: {}}]}];NPV-E-ADMIN-ACTION;8",
      "rule without peers;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: []}];"
          + "NPV-E-ADMIN-LIMIT;8",
      "rule without from;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny}];"
          + "NPV-E-MISSING-FIELD;8",
      "empty peer;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: [{}]}];"
          + "NPV-E-ADMIN-ONE-OF;8",
      "two-field peer;tier: Admin|priority: 1|subject: {namespaces: {}}|egress: [{action: Deny, to: "
          + "[{namespaces: {}, networks: [10.0.0.0/8]}]}];NPV-E-ADMIN-ONE-OF;8",
      "networks in ingress;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: "
          + "[{networks: [10.0.0.0/8]}]}];NPV-E-UNKNOWN-FIELD;8",
      "v1alpha1 ports field;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: "
          + "[{namespaces: {}}], ports: [{portNumber: {port: 80}}]}];NPV-E-UNKNOWN-FIELD;8",
      "empty protocols;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: "
          + "[{namespaces: {}}], protocols: []}];NPV-E-ADMIN-LIMIT;8",
      "empty protocol;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: "
          + "[{namespaces: {}}], protocols: [{}]}];NPV-E-ADMIN-ONE-OF;8",
      "tcp and udp in one protocol;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, "
          + "from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 1}}, udp: {destinationPort: "
          + "{number: 1}}}]}];NPV-E-ADMIN-ONE-OF;8",
      "tcp without destinationPort;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, "
          + "from: [{namespaces: {}}], protocols: [{tcp: {}}]}];NPV-E-MISSING-FIELD;8",
      "number and range;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: "
          + "[{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 1, range: {start: 1, end: 2}}}}]}];"
          + "NPV-E-ADMIN-ONE-OF;8",
      "port 0;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: [{namespaces: "
          + "{}}], protocols: [{udp: {destinationPort: {number: 0}}}]}];NPV-E-PORT-RANGE;8",
      "start not below end;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: "
          + "[{namespaces: {}}], protocols: [{tcp: {destinationPort: {range: {start: 9, end: 9}}}}]}];"
          + "NPV-E-PORT-RANGE;8",
      "invalid named port;tier: Admin|priority: 1|subject: {namespaces: {}}|ingress: [{action: Deny, from: "
          + "[{namespaces: {}}], protocols: [{destinationNamedPort: Not_A_Name}]}];NPV-E-PORT-NAME;8",
      // The CEL rule of ClusterNetworkPolicyEgressRule.
      "named port with networks;tier: Admin|priority: 1|subject: {namespaces: {}}|egress: [{action: Deny, to: "
          + "[{networks: [10.0.0.0/8]}], protocols: [{destinationNamedPort: http}]}];NPV-E-ADMIN-NAMED-PORT-PEER;8"})
  void invalidInputIsALocatedError(String what, String spec, String code, int line) {
    Diagnostic d = error(cnp(spec.replace('|', '\n')), code);
    assertEquals("t.yaml", d.location().file(), what);
    assertEquals(line, d.location().line(), () -> what + ": " + d.oneLine());
  }

  /**
   * The API server admits domainNames peers, which npv cannot model (what a name resolves to is not
   * known statically): the policy loads without them, with a warning, and is kept aside so that every
   * verdict it could change is UNKNOWN (see UnmodelledPolicyGuard), unless asked to ignore them.
   */
  @Test
  void domainNamesPeersLoadWithoutThemAndKeepThePolicyAside() throws Exception {
    LoadResult r = load(cnp(("tier: Admin|priority: 1|subject: {namespaces: {}}|egress: [{action: Accept, to: "
        + "[{domainNames: [example.com]}]}, {action: Deny, to: [{networks: [10.0.0.0/8]}, {domainNames: [a.example]}]}]")
        .replace('|', '\n')));
    assertTrue(has(r.diagnostics(), Codes.ADMIN_DOMAIN_NAMES));
    AdminPolicy p = r.cluster().adminPolicies().get(0);
    assertEquals(1, p.egress().size(), "the rule with only domainNames peers matches nothing npv models");
    assertEquals(1, p.egress().get(0).peers().size());
    assertEquals(List.of("domainNames"), r.cluster().unmodelledPolicies().stream()
        .map(UnmodelledPolicy::ignoreKey).toList());
    assertTrue(r.cluster().unmodelledPolicies().get(0).clusterWide());
    LoadResult ignored = new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", cnp(("tier: Admin|priority: 1|"
        + "subject: {namespaces: {}}|egress: [{action: Accept, to: [{domainNames: [example.com]}]}]").replace('|', '\n')))),
        LoadOptions.defaults().withIgnoreUnmodelled(UnmodelledKinds.parse("domainNames").orElseThrow()));
    assertTrue(ignored.cluster().unmodelledPolicies().isEmpty());
  }

  @Test
  void limitsAre25RulesPeersAndProtocols() {
    String peers = IntStream.range(0, 26).mapToObj(i -> "{namespaces: {}}").collect(Collectors.joining(", "));
    error(cnp("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [" + peers
        + "]}]"), Codes.ADMIN_LIMIT);
    String rules = IntStream.range(0, 26).mapToObj(i -> "- {action: Deny, from: [{namespaces: {}}]}")
        .collect(Collectors.joining("\n"));
    error(cnp("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\negress:\n" + rules.replace("from", "to")),
        Codes.ADMIN_LIMIT);
    String protocols = IntStream.range(1, 27).mapToObj(i -> "{tcp: {destinationPort: {number: " + i + "}}}")
        .collect(Collectors.joining(", "));
    error(cnp("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{action: Deny, from: [{namespaces: {}}],"
        + " protocols: [" + protocols + "]}]"), Codes.ADMIN_LIMIT);
    error(cnp("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\ningress: [{name: " + "n".repeat(101)
        + ", action: Deny, from: [{namespaces: {}}]}]"), Codes.ADMIN_LIMIT);
  }

  @Test
  void mixingV1alpha1AndClusterNetworkPolicyIsWarnedAndSharesTheAdminTierByPriority() throws Exception {
    LoadResult r = load(cnp("tier: Admin\npriority: 5\nsubject: {namespaces: {}}") + "---\n"
        + "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: b}\n"
        + "spec: {priority: 3, subject: {namespaces: {}}}\n");
    assertTrue(has(r.diagnostics(), Codes.ADMIN_MIXED_VERSIONS));
    assertEquals(List.of("[ANP] b", "[CNP Admin] a"), r.cluster().adminTier().stream().map(AdminPolicy::toString)
        .toList());
  }

  /** v1alpha2's CIDR rule is {@code isCIDR(self)}: host bits are admitted (npv warns what they mean). */
  @Test
  void aCidrWithHostBitsInNetworks() throws Exception {
    LoadResult r = load(cnp("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\n"
        + "egress: [{action: Deny, to: [{networks: [10.1.2.3/8]}]}]"));
    assertTrue(has(r.diagnostics(), Codes.CIDR_HOST_BITS), r.diagnostics()::toString);
    assertEquals("10.0.0.0/8", ((Peer.Addresses) r.cluster().adminPolicies().get(0).egress().get(0).peers().get(0))
        .block().cidr().canonical());
  }

  @Test
  void aValidPolicyLoadsWithoutWarnings() throws Exception {
    LoadResult r = load(cnp("tier: Admin\npriority: 0\nsubject: {namespaces: {}}\n"
        + "ingress: [{action: Deny, from: [{namespaces: {}}]}]"));
    assertFalse(r.diagnostics().stream().anyMatch(d -> d.code().startsWith("NPV-W")), r.diagnostics()::toString);
  }
}
