package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.Severity;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per loader rule checked against the API server's validation (issue 12, item 5): what the API
 * server admits loads, fields that decide no connection only warn when malformed, and what it refuses
 * stays a located error that says how to fix it.
 */
class ApiServerAcceptanceTest {
  private static final String NS = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n";
  private static final String POLICY_HEAD = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
      + "metadata: {name: p, namespace: x}\n";

  private static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults());
  }

  private static List<Diagnostic> errors(String yaml) {
    return assertThrows(InvalidInputException.class, () -> load(yaml)).diagnostics();
  }

  private static Policy onlyPolicy(LoadResult r) {
    assertEquals(1, r.cluster().policies().size(), r.diagnostics().toString());
    return r.cluster().policies().get(0);
  }

  private static List<String> codes(List<Diagnostic> ds, Severity s) {
    return ds.stream().filter(d -> d.severity() == s).map(Diagnostic::code).toList();
  }

  @Test
  void absentPodSelectorSelectsEveryPodOfTheNamespace() throws Exception {
    Policy p = onlyPolicy(load(NS + POLICY_HEAD + "spec:\n  policyTypes: [Ingress]\n  ingress: [{}]\n"));
    assertEquals(LabelSelector.ALL, p.podSelector());
    assertEquals(1, p.ingress().size());
  }

  @Test
  void nullPodSelectorSelectsEveryPodOfTheNamespace() throws Exception {
    Policy p = onlyPolicy(load(NS + POLICY_HEAD + "spec:\n  podSelector: null\n  policyTypes: [Egress]\n"));
    assertEquals(LabelSelector.ALL, p.podSelector());
    assertEquals(ImmutableSet.of(Direction.EGRESS), p.types());
  }

  @Test
  void policyWithoutSpecIsolatesIngressOfTheWholeNamespace() throws Exception {
    for (String spec : List.of("", "spec: null\n", "spec: {}\n")) {
      Policy p = onlyPolicy(load(NS + POLICY_HEAD + spec));
      assertEquals(LabelSelector.ALL, p.podSelector(), spec);
      assertEquals(ImmutableSet.of(Direction.INGRESS), p.types(), spec);
      assertTrue(p.ingress().isEmpty() && p.egress().isEmpty(), spec);
    }
  }

  @Test
  void specThatIsNotAMappingIsStillRefused() {
    List<Diagnostic> ds = errors(NS + POLICY_HEAD + "spec: all\n");
    assertEquals(List.of(Codes.TYPE), codes(ds, Severity.ERROR));
  }

  @Test
  void malformedAnnotationsWarnAndTheObjectLoads() throws Exception {
    LoadResult r = load(NS + "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n"
        + "  namespace: x\n  annotations:\n    replicas: 3\n    note: null\nspec: {podSelector: {}}\n"
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x, annotations: [not, a, map]}\n");
    onlyPolicy(r);
    assertEquals(1, r.cluster().workloads().size());
    List<Diagnostic> warnings = r.diagnostics().stream().filter(d -> d.code().equals(Codes.METADATA_IGNORED)).toList();
    assertEquals(List.of(11, 17), warnings.stream().map(d -> d.location().line()).toList(), warnings.toString());
    assertTrue(warnings.get(0).message().contains("annotation 'replicas'"), warnings.get(0).message());
  }

  @Test
  void malformedOwnerReferencesWarnAndAreLeftOut() throws Exception {
    LoadResult r = load(NS + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: x\n  ownerReferences:\n"
        + "  - {apiVersion: apps/v1, name: web-1, controller: true}\n"          // no kind
        + "  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-2, controller: true, color: red}\n"
        + "  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-3, controller: true}\n" // second controller
        + "  - just-a-string\n");
    // The first well-formed controller reference (web-2) stands; the pod belongs to that ReplicaSet even
    // though it is not loaded (one workload per controller), so the pod is not a workload of its own.
    Workload w = r.cluster().workload("x", "web-2").orElseThrow();
    assertEquals(WorkloadKind.ReplicaSet, w.kind());
    assertTrue(r.cluster().workload("x", "a").isEmpty());
    List<Integer> lines = r.diagnostics().stream().filter(d -> d.code().equals(Codes.METADATA_IGNORED))
        .map(d -> d.location().line()).toList();
    assertEquals(List.of(11, 12, 13, 14), lines, r.diagnostics().toString());
    assertEquals(List.of(), codes(r.diagnostics(), Severity.ERROR));
  }

  @Test
  void ownerReferencesThatAreNotAListWarn() throws Exception {
    LoadResult r = load(NS + "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x, ownerReferences: web}\n"
        + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: x, managedFields: {}}\n");
    assertEquals(2, r.cluster().workloads().size());
    assertEquals(List.of(Codes.METADATA_IGNORED, Codes.METADATA_IGNORED), codes(r.diagnostics(), Severity.WARNING));
  }

  @Test
  void generateNameOnlyLoadsUnderAMarkedName() throws Exception {
    String job = "apiVersion: v1\nkind: Pod\nmetadata: {generateName: migrate-, namespace: x}\n";
    LoadResult r = load(NS + job + "---\n" + job);
    assertEquals(ImmutableSet.of("migrate-<generated>", "migrate-<generated-2>"),
        r.cluster().workloads().stream().map(Workload::name).collect(ImmutableSet.toImmutableSet()));
    assertEquals(List.of(Codes.GENERATED_NAME, Codes.GENERATED_NAME), codes(r.diagnostics(), Severity.WARNING));
  }

  @Test
  void invalidGenerateNameIsRefusedWithAFix() {
    List<Diagnostic> ds = errors(NS + "apiVersion: v1\nkind: Pod\nmetadata: {generateName: Migrate_, namespace: x}\n");
    assertEquals(List.of(Codes.NAME), codes(ds, Severity.ERROR));
    assertTrue(ds.get(0).message().contains("fix the prefix"), ds.get(0).message());
  }

  @Test
  void missingNameSaysWhatToAdd() {
    List<Diagnostic> ds = errors(NS + "apiVersion: v1\nkind: Pod\nmetadata: {namespace: x}\n");
    assertEquals(List.of(Codes.MISSING_FIELD), codes(ds, Severity.ERROR));
    assertTrue(ds.get(0).message().contains("add 'name:'"), ds.get(0).message());
  }

  @Test
  void invalidNamesSayHowToFixThem() {
    List<Diagnostic> ds = errors("apiVersion: v1\nkind: Pod\nmetadata: {name: Web, namespace: x}\n");
    assertEquals(List.of(Codes.NAME), codes(ds, Severity.ERROR));
    assertTrue(ds.get(0).message().contains("rename it"), ds.get(0).message());
  }

  @Test
  void duplicateIsReadInFullSoItsOwnErrorsShow() {
    String p = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\n"
        + "spec: {podSelector: {}, ingress: [{from: [{podSelector: {}, ports: []}]}]}\n";
    List<Diagnostic> ds = errors(NS + p + "---\n" + p);
    assertEquals(List.of(Codes.UNKNOWN_FIELD, Codes.DUPLICATE_OBJECT, Codes.UNKNOWN_FIELD),
        codes(ds, Severity.ERROR), ds.toString());
  }

  @Test
  void namespacedObjectsWithoutNamespaceGoToTheDefaultWithANote() throws Exception {
    LoadResult r = load("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n"
        + "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {}\n");
    assertEquals("default", r.cluster().workloads().get(0).namespace());
    assertEquals("default", onlyPolicy(r).namespace());
    List<Diagnostic> notes = r.diagnostics().stream().filter(d -> d.code().equals(Codes.DEFAULT_NAMESPACE)).toList();
    assertEquals(1, notes.size(), r.diagnostics().toString());
    assertEquals(Severity.NOTE, notes.get(0).severity());
    assertEquals(1, notes.get(0).location().line());
    assertTrue(notes.get(0).message().startsWith("2 namespaced objects give no metadata.namespace"), notes.get(0).message());
    assertTrue(notes.get(0).message().contains("-n NAME"), notes.get(0).message());
  }

  @Test
  void namespaceOptionPlacesObjectsThatGiveNone() throws Exception {
    LoadResult r = new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: y}\n"
            + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"
            + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\n")),
        LoadOptions.defaults().withNamespace("shop"));
    Cluster c = r.cluster();
    assertEquals("shop", c.workload("shop", "a").orElseThrow().namespace());
    assertEquals("y", c.workload("y", "b").orElseThrow().namespace());
    assertEquals("shop", onlyPolicy(r).namespace());
    assertTrue(c.namespace("default").isEmpty(), c.namespaces().toString());
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.code().equals(Codes.DEFAULT_NAMESPACE)));
  }

  @Test
  void namespaceOptionMakesTwoObjectsOneDuplicate() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ClusterLoader().loadTexts(
        List.of(new SourceText("t.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n"
            + "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\n")),
        LoadOptions.defaults().withNamespace("shop")));
    assertEquals(List.of(Codes.DUPLICATE_OBJECT), codes(e.diagnostics(), Severity.ERROR));
  }
  @Test
  void hexadecimalAndOctalPortsAreTheNumbersKubectlSends() throws Exception {
    LoadResult r = load(NS + POLICY_HEAD + "spec:\n  podSelector: {}\n  ingress:\n"
        + "  - ports: [{port: 0x50}, {port: 017}, {port: 0b1010}, {port: 8_080}]\n");
    List<PortSpec> ports = onlyPolicy(r).ingress().get(0).ports().stream()
        .map(PolicyPort::spec).toList();
    assertEquals(List.of(new PortSpec.Range(80, 80), new PortSpec.Range(15, 15),
        new PortSpec.Range(10, 10), new PortSpec.Range(8080, 8080)), ports);
    assertEquals(List.of(Codes.INT_NOTATION, Codes.INT_NOTATION, Codes.INT_NOTATION),
        codes(r.diagnostics(), Severity.WARNING));
  }

  @Test
  void sexagesimalPortIsRefusedWithAFix() {
    List<Diagnostic> ds = errors(NS + POLICY_HEAD + "spec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 1:20}]\n");
    assertEquals(List.of(Codes.TYPE), codes(ds, Severity.ERROR));
    assertTrue(ds.get(0).message().contains("write the number in decimal"), ds.get(0).message());
  }

  @Test
  void ipv4LeadingZerosInACidrAreReadAsTheApiServerReadsThem() throws Exception {
    LoadResult r = load(NS + POLICY_HEAD + "spec:\n  podSelector: {}\n  egress:\n"
        + "  - to: [{ipBlock: {cidr: 010.0.0.0/08, except: [010.001.0.0/16]}}]\n");
    Peer.Addresses peer = (Peer.Addresses) onlyPolicy(r).egress().get(0).peers().get(0);
    assertEquals(Cidr.of("10.0.0.0/8").canonical(), peer.block().cidr().canonical());
    assertEquals(Cidr.of("10.1.0.0/16").canonical(), peer.block().except().get(0).canonical());
    assertEquals(List.of(Codes.CIDR_LEADING_ZEROS, Codes.CIDR_LEADING_ZEROS), codes(r.diagnostics(), Severity.WARNING));
  }
  @Test
  void yamlMergeKeysAreAppliedAsKubectlAppliesThem() throws Exception {
    LoadResult r = load(NS + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: x\n"
        + "  labels: &common {app: web, tier: front}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n"
        + "  namespace: x\n  labels:\n    <<: [{tier: back, zone: z1}, {tier: ignored, team: t}]\n    app: db\n");
    assertEquals(Map.of("app", "db", "tier", "back", "zone", "z1", "team", "t"),
        r.cluster().workload("x", "b").orElseThrow().labels());
    List<Diagnostic> notAMap = errors(NS + "apiVersion: v1\nkind: Pod\nmetadata:\n  <<: [a, b]\n");
    assertEquals(List.of(Codes.YAML_MERGE), codes(notAMap, Severity.ERROR));
    assertTrue(notAMap.get(0).message().contains("write <<: *anchor"), notAMap.get(0).message());
  }
  @Test
  void emptyNamespaceIsAnUnsetOne() throws Exception {
    LoadResult r = new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: \"\"}\n")), LoadOptions.defaults().withNamespace("shop"));
    assertEquals("shop", r.cluster().workloads().get(0).namespace());
  }
}
