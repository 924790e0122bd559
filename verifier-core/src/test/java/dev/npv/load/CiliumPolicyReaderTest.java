package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.model.Cidr;
import dev.npv.model.CiliumEntity;
import dev.npv.model.CiliumKind;
import dev.npv.model.CiliumPeer;
import dev.npv.model.CiliumPeerRule;
import dev.npv.model.CiliumPolicy;
import dev.npv.model.CiliumPort;
import dev.npv.model.CiliumProtocol;
import dev.npv.model.CiliumRule;
import dev.npv.model.CiliumSelector;
import dev.npv.model.CiliumSubject;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.IpBlock;
import dev.npv.model.Namespace;
import dev.npv.model.PortSpec;
import dev.npv.model.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cilium policies as loaded: Cilium's own examples (test resources cilium/upstream, see its README) and
 * the edge cases of the language reference. Expected models come from Cilium's documentation and Go
 * types (pkg/policy/api, pkg/k8s/apis/cilium.io/utils ParseToCiliumRule), cited per test.
 */
class CiliumPolicyReaderTest {
  private static final String NS_X = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x, labels: {team: a}}\n---\n";

  private static LoadResult upstream(String... files) throws Exception {
    List<SourceText> texts = new ArrayList<>();
    for (String f : files) {
      Path p = Fixtures.resource("cilium/upstream/" + f);
      texts.add(new SourceText(p.toString(), Files.readString(p)));
    }
    return new ClusterLoader().loadTexts(texts, LoadOptions.defaults());
  }

  private static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults());
  }

  private static CiliumPolicy only(LoadResult r) {
    assertEquals(1, r.cluster().ciliumPolicies().size(), "one Cilium policy");
    return r.cluster().ciliumPolicies().get(0);
  }

  private static CiliumRule cnpRule(String spec) throws InvalidInputException {
    return only(load(NS_X + "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: x}\n"
        + "spec:\n" + spec)).rules().get(0);
  }

  private static CiliumRule ccnpRule(String spec) throws InvalidInputException {
    return only(load("apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: p}\n"
        + "spec:\n" + spec)).rules().get(0);
  }

  private static boolean has(List<Diagnostic> ds, String code, int line) {
    return ds.stream().anyMatch(d -> d.code().equals(code) && d.location().line() == line);
  }

  private static CiliumSelector subjectSelector(CiliumRule r) {
    return ((CiliumSubject.Endpoints) r.subject()).selector();
  }

  private static Map<String, String> ciliumLabels(Cluster c, String pod) {
    Workload w = c.workloads().stream().filter(x -> x.name().equals(pod)).findFirst().orElseThrow();
    Namespace ns = c.namespace(w.namespace()).orElseThrow();
    return CiliumSelector.labelsOf(w.namespace(), ns.labels(), w.labels());
  }

  /**
   * The Star Wars demo (Documentation/gettingstarted/demo.rst): "only ships with the label org=empire"
   * reach the deathstar, on TCP port 80. The policy lives in namespace default (no namespace given).
   */
  @Test
  void starWarsRule1_selectsTheDeathstarAndAdmitsEmpireShipsOnTcp80() throws Exception {
    LoadResult r = upstream("http-sw-app.yaml", "sw_l3_l4_policy.yaml");
    CiliumPolicy p = only(r);
    assertEquals(CiliumKind.NAMESPACED, p.kind());
    assertEquals("[CNP cilium] default/rule1", p.toString());
    CiliumRule rule = p.rules().get(0);
    assertEquals("class=deathstar,io.kubernetes.pod.namespace=default,org=empire", subjectSelector(rule).toString());
    assertTrue(subjectSelector(rule).matches(ciliumLabels(r.cluster(), "deathstar")));
    assertFalse(subjectSelector(rule).matches(ciliumLabels(r.cluster(), "tiefighter")));
    assertEquals(1, rule.ingress().size());
    CiliumPeerRule in = rule.ingress().get(0);
    CiliumSelector from = ((CiliumPeer.Endpoints) in.peers().get(0)).selector();
    assertEquals(1, in.peers().size());
    assertEquals("io.kubernetes.pod.namespace=default,org=empire", from.toString());
    assertTrue(from.matches(ciliumLabels(r.cluster(), "tiefighter")));
    assertFalse(from.matches(ciliumLabels(r.cluster(), "xwing")));
    assertEquals(List.of(new CiliumPort(CiliumProtocol.TCP, new PortSpec.Range(80, 80))), in.toPorts().get(0).ports());
    assertTrue(in.restriction().isEmpty());
    assertTrue(rule.defaultDeny(Direction.INGRESS), "a policy with ingress rules puts ingress into default deny");
    assertFalse(rule.defaultDeny(Direction.EGRESS), "no egress section: egress stays default allow");
    // The upstream file has 'description' outside the schema (line 3), and the kind is not evaluated yet.
    Path file = Fixtures.resource("cilium/upstream/sw_l3_l4_policy.yaml");
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals(Codes.CILIUM_PRUNED_FIELD)
        && d.location().file().equals(file.toString()) && d.location().line() == 3));
    assertTrue(has(r.diagnostics(), Codes.UNMODELLED_KIND, 2), "Cilium kinds stay unmodelled until evaluated");
  }

  /** sw_l3_l4_l7_policy.yaml: the same L4 flow, restricted to POST /v1/request-landing: some requests only. */
  @Test
  void starWarsL7_keepsTheHttpRestriction() throws Exception {
    LoadResult r = upstream("sw_l3_l4_l7_policy.yaml");
    CiliumPeerRule in = only(r).rules().get(0).ingress().get(0);
    assertEquals("http rules", in.restriction().orElseThrow());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals(Codes.CILIUM_L7)));
  }

  /** sw_deny_policy.yaml: {@code ingress: [{}]} isolates ingress and admits nothing. */
  @Test
  void emptyIngressEntry_isolatesAndMatchesNothing() throws Exception {
    CiliumRule rule = only(upstream("sw_deny_policy.yaml")).rules().get(0);
    assertEquals(1, rule.ingress().size());
    assertTrue(rule.ingress().get(0).peers().isEmpty(), "no L3 and no L4 field: no peer at all");
    assertTrue(rule.defaultDeny(Direction.INGRESS));
  }

  /** cidr.yaml: toCIDR 20.1.1.1/32 and toCIDRSet 10.0.0.0/8 except 10.96.0.0/12, all ports. */
  @Test
  void cidrExample_readsCidrsWithExcept() throws Exception {
    CiliumRule rule = only(upstream("cidr.yaml")).rules().get(0);
    assertEquals(List.of(new CiliumPeer.Cidr(new IpBlock(Cidr.of("20.1.1.1/32"), ImmutableList.of()))),
        rule.egress().get(0).peers());
    assertEquals(List.of(new CiliumPeer.Cidr(new IpBlock(Cidr.of("10.0.0.0/8"), ImmutableList.of(Cidr.of("10.96.0.0/12"))))),
        rule.egress().get(1).peers());
    assertTrue(rule.egress().get(1).allL4());
    assertTrue(rule.defaultDeny(Direction.EGRESS));
  }

  /** egress-deny.yaml: allow to all entities, deny to role=backend (of the policy's namespace). */
  @Test
  void egressDenyExample_keepsAllowAndDeny() throws Exception {
    CiliumRule rule = only(upstream("egress-deny.yaml")).rules().get(0);
    assertEquals(List.of(new CiliumPeer.Entity(CiliumEntity.ALL)), rule.egress().get(0).peers());
    CiliumPeerRule deny = rule.egressDeny().get(0);
    assertTrue(deny.deny());
    assertEquals("egressDeny rule 0", deny.toString());
    assertEquals("io.kubernetes.pod.namespace=default,role=backend",
        ((CiliumPeer.Endpoints) deny.peers().get(0)).selector().toString());
  }

  /** from_world_deny.yaml: a clusterwide {@code endpointSelector: {}} selects every pod; deny world, allow all. */
  @Test
  void clusterwideLockdown_selectsEverythingWithoutANamespace() throws Exception {
    CiliumPolicy p = only(upstream("from_world_deny.yaml"));
    assertEquals("[CCNP cilium] external-lockdown", p.toString());
    CiliumRule rule = p.rules().get(0);
    assertEquals(CiliumSelector.ALL, subjectSelector(rule));
    assertEquals(List.of(new CiliumPeer.Entity(CiliumEntity.WORLD)), rule.ingressDeny().get(0).peers());
    assertEquals(List.of(new CiliumPeer.Entity(CiliumEntity.ALL)), rule.ingress().get(0).peers());
  }

  /**
   * or-statement.yaml writes the operator {@code in}; the CRD's enum admits In, NotIn, Exists and
   * DoesNotExist only, so it is refused where it stands. Written {@code In}, the first selector names
   * its namespace (production) and keeps it; the second gets the policy's namespace (utils.go).
   */
  @Test
  void orStatement_lowercaseOperatorRefused_correctedSelectorsScopedAsCilium() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> upstream("or-statement.yaml"));
    assertTrue(has(e.diagnostics(), Codes.SELECTOR_OPERATOR, 11));
    assertTrue(has(e.diagnostics(), Codes.SELECTOR_OPERATOR, 16));
    String fixed = Files.readString(Fixtures.resource("cilium/upstream/or-statement.yaml")).replace("\"in\"", "\"In\"");
    CiliumRule rule = only(load(fixed)).rules().get(0);
    List<CiliumPeer> peers = rule.ingress().get(0).peers();
    assertEquals("io.kubernetes.pod.namespace in (production)", ((CiliumPeer.Endpoints) peers.get(0)).toString()
        .replace("endpoints ", ""));
    assertEquals("io.kubernetes.pod.namespace=default,cilium.example.com/policy in (strict)",
        ((CiliumPeer.Endpoints) peers.get(1)).selector().toString());
  }

  /** host-policy.yaml: a nodeSelector rule is a host policy: kept as a node subject, with a warning. */
  @Test
  void hostPolicy_keptAsNodeSubjectAndWarned() throws Exception {
    LoadResult r = upstream("host-policy.yaml");
    CiliumRule rule = only(r).rules().get(0);
    assertTrue(rule.subject() instanceof CiliumSubject.Nodes);
    assertTrue(has(r.diagnostics(), Codes.CILIUM_HOST_POLICY, 7));
    CiliumPeerRule in = rule.ingress().get(0);
    assertEquals(List.of(new CiliumPeer.Wildcard()), in.peers(), "toPorts without an L3 field: every peer");
    assertEquals(List.of(new CiliumPort(CiliumProtocol.TCP, new PortSpec.Range(6443, 6443)),
        new CiliumPort(CiliumProtocol.TCP, new PortSpec.Range(22, 22))), in.toPorts().get(0).ports());
  }

  /** fqdn.yaml: toFQDNs is a dynamic peer (warned); the kube-dns selector keeps its own namespace. */
  @Test
  void fqdn_isADynamicPeer() throws Exception {
    LoadResult r = upstream("fqdn.yaml");
    CiliumRule rule = only(r).rules().get(0);
    assertEquals("io.kubernetes.pod.namespace=kube-system,k8s-app=kube-dns",
        ((CiliumPeer.Endpoints) rule.egress().get(0).peers().get(0)).selector().toString());
    assertEquals(List.of(new CiliumPeer.Dynamic("toFQDNs", "matchName my-remote-service.com")),
        rule.egress().get(1).peers());
    assertTrue(has(r.diagnostics(), Codes.CILIUM_DYNAMIC_PEER, 14));
  }

  /** requires.yaml: fromRequires is refused (deprecated, not modelled), located at the requirement. */
  @Test
  void fromRequires_refused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> upstream("requires.yaml"));
    assertTrue(has(e.diagnostics(), Codes.CILIUM_UNSUPPORTED, 12));
  }

  /** host.yaml: the host entity is kept, with a warning that npv cannot place it exactly. */
  @Test
  void hostEntity_keptAndWarned() throws Exception {
    LoadResult r = upstream("host.yaml");
    assertEquals(List.of(new CiliumPeer.Entity(CiliumEntity.HOST)), only(r).rules().get(0).egress().get(0).peers());
    assertTrue(has(r.diagnostics(), Codes.CILIUM_INEXACT_ENTITY, 11));
  }

  /** rule.go EnableDefaultDeny: explicit values win; unset, a direction is default deny iff it has entries. */
  @Test
  void enableDefaultDeny_explicitAndDefaulted() throws Exception {
    CiliumRule off = cnpRule("  endpointSelector: {}\n  enableDefaultDeny: {ingress: false}\n"
        + "  ingressDeny: [{fromEntities: [world]}]\n");
    assertFalse(off.defaultDeny(Direction.INGRESS));
    CiliumRule denyOnly = cnpRule("  endpointSelector: {}\n  ingressDeny: [{fromEntities: [world]}]\n");
    assertTrue(denyOnly.defaultDeny(Direction.INGRESS), "a deny-only policy isolates too");
    CiliumRule on = cnpRule("  endpointSelector: {}\n  enableDefaultDeny: {egress: true}\n  ingress: []\n");
    assertTrue(on.defaultDeny(Direction.EGRESS));
    assertFalse(on.defaultDeny(Direction.INGRESS), "an empty ingress list has no entries");
  }

  /** spec and specs together: both are rules of the policy, spec first (CiliumNetworkPolicy.Parse). */
  @Test
  void specAndSpecs_bothRead() throws Exception {
    CiliumPolicy p = only(load(NS_X + """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p, namespace: x}
        spec: {endpointSelector: {}, ingress: [{}]}
        specs:
        - {endpointSelector: {matchLabels: {app: a}}, egress: [{}]}
        - {endpointSelector: {matchLabels: {app: b}}, egress: [{}]}
        """));
    assertEquals(List.of("spec", "specs[0]", "specs[1]"), p.rules().stream().map(CiliumRule::where).toList());
  }

  /** ParseToCiliumRule: a CNP's endpointSelector always applies in the policy's namespace. */
  @Test
  void namespacedSubject_foreignNamespaceReplacedWithAWarning() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p, namespace: x}
        spec:
          endpointSelector:
            matchLabels: {k8s:io.kubernetes.pod.namespace: other, k8s:app: web}
          ingress: [{}]
        """);
    assertEquals("app=web,io.kubernetes.pod.namespace=x", subjectSelector(only(r).rules().get(0)).toString());
    assertTrue(has(r.diagnostics(), Codes.CILIUM_NAMESPACE_OVERRIDDEN, 10));
  }

  /**
   * getEndpointSelector: a clusterwide peer without a namespace requirement must have a namespace (so
   * {} is every pod, not the world); a namespaced peer that selects by namespace labels is not scoped.
   */
  @Test
  void peerScoping_clusterwideAndNamespaceLabels() throws Exception {
    CiliumRule cw = ccnpRule("  endpointSelector: {}\n  ingress: [{fromEndpoints: [{}]}]\n");
    assertEquals("io.kubernetes.pod.namespace",
        ((CiliumPeer.Endpoints) cw.ingress().get(0).peers().get(0)).selector().toString());
    CiliumRule nl = cnpRule("  endpointSelector: {}\n  ingress:\n  - fromEndpoints:\n"
        + "    - matchLabels: {io.cilium.k8s.namespace.labels.team: a}\n");
    CiliumSelector sel = ((CiliumPeer.Endpoints) nl.ingress().get(0).peers().get(0)).selector();
    assertEquals("io.cilium.k8s.namespace.labels.team=a", sel.toString());
    assertTrue(sel.matches(CiliumSelector.labelsOf("y", ImmutableMap.of("team", "a"), ImmutableMap.of())),
        "a pod of another namespace with that label matches");
    assertFalse(sel.matches(CiliumSelector.labelsOf("x", ImmutableMap.of("team", "b"), ImmutableMap.of())));
  }

  /** l4.go PortProtocol: "0" is every port, names are case-insensitive, endPort a range, protocol ANY by default. */
  @Test
  void ports_numberNameRangeAndDefaults() throws Exception {
    CiliumRule rule = cnpRule("""
          endpointSelector: {}
          ingress:
          - toPorts:
            - ports:
              - {port: "0"}
              - {port: "HTTP", protocol: TCP}
              - {port: "8000", endPort: 8080, protocol: UDP}
              - {port: "112", protocol: VRRP}
        """);
    assertEquals(List.of(new CiliumPort(CiliumProtocol.ANY, new PortSpec.AnyPort()),
        new CiliumPort(CiliumProtocol.TCP, new PortSpec.Named("http")),
        new CiliumPort(CiliumProtocol.UDP, new PortSpec.Range(8000, 8080)),
        new CiliumPort(CiliumProtocol.VRRP, new PortSpec.Range(112, 112))), rule.ingress().get(0).toPorts().get(0).ports());
    assertTrue(CiliumProtocol.VRRP.transports().isEmpty(), "VRRP matches none of npv's connections");
    assertEquals(3, CiliumProtocol.ANY.transports().size());
  }

  /**
   * EgressRule.ToEndpoints: "an empty non-nil ToEndpoints does not select anything, nil ToEndpoints is
   * implicitly treated as a wildcard selector if ToPorts are also specified".
   */
  @Test
  void emptyL3ListSelectsNothing_absentL3WithPortsSelectsEverything() throws Exception {
    CiliumRule rule = cnpRule("""
          endpointSelector: {}
          egress:
          - {toEndpoints: [], toPorts: [{ports: [{port: "53"}]}]}
          - {toPorts: [{ports: [{port: "53"}]}]}
          - {icmps: [{fields: [{type: 8}]}]}
        """);
    assertTrue(rule.egress().get(0).peers().isEmpty());
    assertEquals(List.of(new CiliumPeer.Wildcard()), rule.egress().get(1).peers());
    assertEquals(List.of(new CiliumPeer.Wildcard()), rule.egress().get(2).peers());
    assertFalse(rule.egress().get(2).icmps().isEmpty(), "ICMP is kept, not modelled");
  }

  /** Services, groups and CIDR groups are dynamic peers; authentication required is a restriction. */
  @Test
  void dynamicPeersAndAuthentication() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p, namespace: x}
        spec:
          endpointSelector: {}
          egress:
          - toServices: [{k8sService: {serviceName: db, namespace: x}}]
          - toGroups: [{aws: {securityGroupsIds: [sg-1]}}]
          - toCIDRSet: [{cidrGroupRef: office}]
          - {toEntities: [world], authentication: {mode: required}}
        """);
    CiliumRule rule = only(r).rules().get(0);
    assertEquals(List.of(new CiliumPeer.Dynamic("toServices", "x/db")), rule.egress().get(0).peers());
    assertEquals(List.of(new CiliumPeer.Dynamic("toGroups", "aws")), rule.egress().get(1).peers());
    assertEquals(List.of(new CiliumPeer.Dynamic("cidrGroupRef", "office")), rule.egress().get(2).peers());
    assertEquals("authentication mode required", rule.egress().get(3).restriction().orElseThrow());
  }

  /** Cilium's label view: pod labels, the namespace's name and its labels under the Cilium prefix. */
  @Test
  void ciliumLabelsOfAPod() {
    assertEquals(ImmutableMap.of("app", "web", "io.kubernetes.pod.namespace", "x",
            "io.cilium.k8s.namespace.labels.team", "a"),
        CiliumSelector.labelsOf("x", ImmutableMap.of("team", "a"),
            ImmutableMap.of("app", "web", "io.kubernetes.pod.namespace", "forged")));
  }

  /** A CiliumNetworkPolicy's namespace is implied like a NetworkPolicy's; the cluster keeps the policy. */
  @Test
  void namespacedPolicyImpliesItsNamespace() throws Exception {
    LoadResult r = load("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: q}\n"
        + "spec: {endpointSelector: {}, ingress: [{}]}\n");
    assertTrue(r.cluster().namespace("q").isPresent());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals(Codes.IMPLIED_NAMESPACE)));
    assertEquals("q/p", only(r).id().toString());
  }

  /**
   * Accepted edge cases: a bare address in toCIDR (older CRDs admit it: the single address), host bits
   * (warned), the rule's labels, description and log, a typed CiliumNetworkPolicyList, and a
   * NetworkPolicy of the same name (another kind); a second CiliumNetworkPolicy of that name is a duplicate.
   */
  @Test
  void acceptedEdgeCases() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicyList
        items:
        - metadata: {name: p, namespace: x}
          spec:
            endpointSelector: {}
            description: d
            labels: [{key: owner, value: team-a, source: k8s}]
            log: {value: audit}
            egress:
            - toCIDR: [192.0.2.1, 198.51.100.7/24]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        spec: {podSelector: {}}
        """);
    CiliumRule rule = only(r).rules().get(0);
    assertEquals(List.of(new CiliumPeer.Cidr(new IpBlock(Cidr.of("192.0.2.1/32"), ImmutableList.of())),
        new CiliumPeer.Cidr(new IpBlock(Cidr.of("198.51.100.7/24"), ImmutableList.of()))), rule.egress().get(0).peers());
    assertTrue(has(r.diagnostics(), Codes.CIDR_HOST_BITS, 15));
    assertEquals(1, r.cluster().policies().size());
    InvalidInputException dup = assertThrows(InvalidInputException.class, () -> load(NS_X + """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p, namespace: x}
        spec: {endpointSelector: {}, ingress: [{}]}
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p, namespace: x}
        spec: {endpointSelector: {}, egress: [{}]}
        """));
    assertTrue(has(dup.diagnostics(), Codes.DUPLICATE_OBJECT, 12));
  }
}
