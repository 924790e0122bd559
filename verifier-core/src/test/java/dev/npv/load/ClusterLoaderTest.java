package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.Severity;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLoaderTest {
  private static final String NS_X = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n";

  private static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults());
  }

  private static List<Diagnostic> errors(String yaml) {
    return assertThrows(InvalidInputException.class, () -> load(yaml)).diagnostics();
  }

  private static Policy policy(String spec) throws InvalidInputException {
    Cluster c = load(NS_X + "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\n"
        + "spec:\n" + spec).cluster();
    assertEquals(1, c.policies().size());
    return c.policies().get(0);
  }

  private static boolean has(List<Diagnostic> ds, String code) {
    return ds.stream().anyMatch(d -> d.code().equals(code));
  }

  @Test
  void seedLoadsWithDefaults() throws Exception {
    Path seed = Path.of("..", "specs", "examples", "seed");
    LoadResult r = new ClusterLoader().load(
        List.of(seed.resolve("cluster.yaml").toString(), seed.resolve("policies.yaml").toString()),
        LoadOptions.defaults());
    Cluster c = r.cluster();
    assertEquals(List.of("default", "myapp", "shop"), List.copyOf(c.namespaces().keySet()));
    assertEquals(Map.of("project", "myApp", Namespace.NAME_LABEL, "myapp"), c.namespace("myapp").orElseThrow().labels());
    assertEquals(3, c.workloads().size());
    assertEquals(2, c.policies().size());
    Workload backend = c.workload("myapp", "backend").orElseThrow();
    assertEquals(WorkloadKind.Deployment, backend.kind());
    assertEquals(Map.of("app", "backend"), backend.labels());
    assertEquals(Optional.of(9090), backend.namedPort("metrics", Protocol.TCP));
    // The frontend's container port omits the protocol: it defaults to TCP.
    assertEquals(List.of(new ContainerPort(Optional.of("http"), 8080, Protocol.TCP)),
        c.workload("shop", "frontend").orElseThrow().ports());
    Policy allow = c.policies().stream().filter(p -> p.id().name().equals("allow-frontend")).findFirst().orElseThrow();
    assertEquals(ImmutableSet.of(Direction.INGRESS), allow.types());
    assertEquals(1, allow.ingress().size());
    assertEquals(List.of(new Peer.Pods(Optional.of(LabelSelector.matchLabels(Map.of("project", "myApp"))),
        Optional.of(LabelSelector.matchLabels(Map.of("app", "frontend"))))), allow.ingress().get(0).peers());
    assertEquals(List.of(new PolicyPort(Protocol.TCP, new PortSpec.Range(5555, 5555))), allow.ingress().get(0).ports());
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.severity() != Severity.NOTE),
        "no warnings for the seed: " + r.diagnostics());
  }

  @Test
  void seedDirectoryLoadsAndSkipsTheSpecWithANote() throws Exception {
    LoadResult r = new ClusterLoader().load(List.of(Path.of("..", "specs", "examples", "seed").toString()),
        LoadOptions.defaults());
    assertEquals(3, r.cluster().namespaces().size());
    assertEquals(3, r.cluster().workloads().size());
    assertEquals(2, r.cluster().policies().size());
    Diagnostic note = r.diagnostics().stream().filter(d -> d.code().equals(Codes.SKIPPED_KIND)).findFirst().orElseThrow();
    assertTrue(note.location().file().endsWith("invariants.yaml") && note.message().contains("InvariantSet"),
        note.oneLine());
  }

  @Test
  void policyTypesDefaulting() throws Exception {
    assertEquals(ImmutableSet.of(Direction.INGRESS), policy("  podSelector: {}\n").types());
    assertEquals(ImmutableSet.of(Direction.INGRESS, Direction.EGRESS),
        policy("  podSelector: {}\n  egress: [{}]\n").types());
    // An empty egress list does not make the policy an egress policy (len(spec.Egress) != 0).
    assertEquals(ImmutableSet.of(Direction.INGRESS), policy("  podSelector: {}\n  egress: []\n").types());
    assertEquals(ImmutableSet.of(Direction.EGRESS), policy("  podSelector: {}\n  policyTypes: [Egress]\n").types());
    assertEquals(ImmutableSet.of(Direction.INGRESS), policy("  podSelector: {}\n  policyTypes: []\n").types());
  }

  @Test
  void rulesPeersAndPortsDefaulting() throws Exception {
    Policy p = policy("""
          podSelector: {}
          ingress:
          - {}
          - from: []
            ports: []
          - ports:
            - {}
            - {port: 80}
            - {protocol: UDP, port: 53, endPort: 60}
            - {protocol: SCTP, port: http-alt}
        """);
    assertTrue(p.ingress().get(0).allPeers() && p.ingress().get(0).allPorts());
    assertTrue(p.ingress().get(1).allPeers() && p.ingress().get(1).allPorts());
    assertEquals(List.of(new PolicyPort(Protocol.TCP, new PortSpec.AnyPort()),
        new PolicyPort(Protocol.TCP, new PortSpec.Range(80, 80)),
        new PolicyPort(Protocol.UDP, new PortSpec.Range(53, 60)),
        new PolicyPort(Protocol.SCTP, new PortSpec.Named("http-alt"))), p.ingress().get(2).ports());
    assertEquals(2, p.ingress().get(2).index());
  }

  @Test
  void peersAndIpBlocks() throws Exception {
    Policy p = policy("""
          podSelector: {matchLabels: {app: db}}
          egress:
          - to:
            - namespaceSelector: {}
            - podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [web, api]}]}
            - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
        """);
    List<Peer> peers = p.egress().get(0).peers();
    assertEquals(new Peer.Pods(Optional.of(LabelSelector.ALL), Optional.empty()), peers.get(0));
    assertEquals("tier notin (api,web)", ((Peer.Pods) peers.get(1)).podSelector().orElseThrow().toString());
    assertEquals("10.0.0.0/8 except 10.1.0.0/16", ((Peer.Addresses) peers.get(2)).block().toString());
  }

  @Test
  void hostBitsAreAWarningNamingTheCanonicalForm() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        spec:
          podSelector: {}
          egress: [{to: [{ipBlock: {cidr: 10.1.2.3/16}}]}]
        """);
    Diagnostic w = r.diagnostics().stream().filter(d -> d.code().equals(Codes.CIDR_HOST_BITS)).findFirst().orElseThrow();
    assertTrue(w.message().contains("10.1.0.0/16"), w.message());
    assertEquals(10, w.location().line());
  }

  @Test
  void missingNamespaceIsDefaultAndImplied() throws Exception {
    LoadResult r = load("apiVersion: v1\nkind: Pod\nmetadata: {name: a, labels: {app: a}}\n");
    Namespace ns = r.cluster().namespace("default").orElseThrow();
    assertFalse(ns.declared());
    assertEquals(Map.of(Namespace.NAME_LABEL, "default"), ns.labels());
    assertTrue(has(r.diagnostics(), Codes.IMPLIED_NAMESPACE));
    assertEquals("default/a", r.cluster().workloads().get(0).id());
  }

  @Test
  void nameLabelIsSetAndOverridden() throws Exception {
    LoadResult r = load("apiVersion: v1\nkind: Namespace\nmetadata: {name: x, labels: {kubernetes.io/metadata.name: y, a: b}}\n");
    assertEquals(Map.of(Namespace.NAME_LABEL, "x", "a", "b"), r.cluster().namespace("x").orElseThrow().labels());
  }

  @Test
  void listKindsAreFlattened() throws Exception {
    LoadResult r = load("""
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Namespace
          metadata: {name: x}
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicyList
          items:
          - metadata: {name: p1, namespace: x}
            spec: {podSelector: {}}
        ---
        apiVersion: v1
        kind: PodList
        metadata: {resourceVersion: "1"}
        items:
        - metadata: {name: a, namespace: x}
        - apiVersion: v1
          kind: Pod
          metadata: {name: b, namespace: x}
        """);
    assertEquals(1, r.cluster().policies().size());
    assertEquals(2, r.cluster().workloads().size());
    assertTrue(r.cluster().namespace("x").orElseThrow().declared());
  }

  @Test
  void stdinIsRead() throws Exception {
    byte[] bytes = (NS_X + "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\n").getBytes(StandardCharsets.UTF_8);
    LoadResult r = new ClusterLoader().load(List.of("-"),
        LoadOptions.defaults().withStdin(new ByteArrayInputStream(bytes)));
    assertEquals(1, r.cluster().workloads().size());
    assertEquals(InputCollector.STDIN_NAME, r.cluster().workloads().get(0).location().file());
  }

  @Test
  void podsAreMergedIntoTheirLoadedOwners() throws Exception {
    LoadResult r = load(NS_X + """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: x}
        spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-5d4f
          namespace: x
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
        spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c}]}}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-5d4f-abcde
          namespace: x
          labels: {app: web}
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, uid: u2, controller: true}]
        status: {podIP: 10.0.0.1, podIPs: [{ip: 10.0.0.1}, {ip: "fd00::1"}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: api-7c9-xyz
          namespace: x
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-7c9, uid: u3, controller: true}]
        status: {podIP: 10.0.0.2}
        """);
    List<Workload> ws = r.cluster().workloads();
    // A pod whose controller is not loaded belongs to that controller, under its name and kind.
    assertEquals(List.of("x/api-7c9", "x/web"), ws.stream().map(Workload::id).toList());
    assertEquals(WorkloadKind.ReplicaSet, ws.get(0).kind());
    assertEquals(List.of(IpAddress.v4("10.0.0.1"), IpAddress.parse("fd00::1").orElseThrow()), ws.get(1).podIps());
    assertEquals(WorkloadKind.Deployment, ws.get(1).kind());
    assertEquals(List.of(IpAddress.v4("10.0.0.2")), ws.get(0).podIps());
    assertTrue(has(r.diagnostics(), Codes.OWNER_NOT_LOADED));
  }

  @Test
  void everyWorkloadKindReadsItsPodTemplate(@TempDir Path dir) throws Exception {
    String template = "{metadata: {labels: {app: %s}}, spec: {containers: [{name: c, ports: [{name: p, containerPort: %d}]}]}}";
    StringBuilder yaml = new StringBuilder(NS_X);
    String[][] kinds = {{"apps/v1", "StatefulSet"}, {"apps/v1", "DaemonSet"}, {"apps/v1", "ReplicaSet"},
        {"v1", "ReplicationController"}, {"batch/v1", "Job"}};
    for (int i = 0; i < kinds.length; i++) {
      yaml.append("apiVersion: ").append(kinds[i][0]).append("\nkind: ").append(kinds[i][1])
          .append("\nmetadata: {name: w").append(i).append(", namespace: x}\nspec: {template: ")
          .append(String.format(template, "w" + i, 1000 + i)).append("}\n---\n");
    }
    yaml.append("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cron, namespace: x}\n"
        + "spec: {schedule: '* * * * *', jobTemplate: {spec: {template: " + String.format(template, "cron", 2000) + "}}}\n");
    Files.writeString(dir.resolve("w.json.yaml"), yaml.toString());
    Cluster c = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
    assertEquals(6, c.workloads().size());
    Workload cron = c.workload("x", "cron").orElseThrow();
    assertEquals(WorkloadKind.CronJob, cron.kind());
    assertEquals(Map.of("app", "cron"), cron.labels());
    assertEquals(Optional.of(2000), cron.namedPort("p", Protocol.TCP));
    assertEquals(WorkloadKind.ReplicationController, c.workload("x", "w3").orElseThrow().kind());
  }

  @Test
  void jsonFilesAreRead(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ns.json"), "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\","
        + " \"metadata\": {\"name\": \"x\", \"labels\": {\"team\": \"a\"}}}");
    Cluster c = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
    assertEquals("a", c.namespace("x").orElseThrow().labels().get("team"));
  }

  @Test
  void hostNetworkPodsAreFlagged() throws Exception {
    LoadResult r = load(NS_X + "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nspec:\n  hostNetwork: true\n"
        + "  containers: [{name: c, image: i, resources: {}, ports: [{containerPort: 53, protocol: UDP, name: dns}]}]\n");
    Workload w = r.cluster().workloads().get(0);
    assertTrue(w.hostNetwork());
    assertEquals(Optional.of(53), w.namedPort("dns", Protocol.UDP));
    assertTrue(has(r.diagnostics(), Codes.HOST_NETWORK));
  }

  @Test
  void otherKindsAreSkippedCniPolicyKindsWarned() throws Exception {
    // (ClusterNetworkPolicy, once warned about here, is modelled now: ClusterNetworkPolicyLoaderTest.)
    LoadResult r = load(NS_X + """
        apiVersion: v1
        kind: Service
        metadata: {name: s, namespace: x}
        ---
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: {name: calico, namespace: x}
        """);
    assertTrue(has(r.diagnostics(), Codes.SKIPPED_KIND));
    assertTrue(has(r.diagnostics(), Codes.UNMODELLED_KIND));
    assertEquals(0, r.cluster().policies().size());
  }

  @Test
  void portsUnderPeerPointsAtTheKeyWithAHint() {
    List<Diagnostic> ds = errors(NS_X + """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        spec:
          podSelector: {}
          ingress:
          - from:
            - podSelector: {}
              ports: [{port: 80}]
        """);
    assertEquals(1, ds.size(), ds.toString());
    assertEquals("t.yaml:13:7: error: unknown field 'ports' in NetworkPolicyPeer (did you mean to put 'ports'"
        + " at the rule level?) [NPV-E-UNKNOWN-FIELD]", ds.get(0).oneLine());
  }

  @Test
  void duplicateNamesTheFirstLocation() {
    String p = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec: {podSelector: {}}\n";
    List<Diagnostic> ds = errors(NS_X + p + "---\n" + p);
    assertEquals(1, ds.size());
    assertTrue(ds.get(0).message().contains("already defined at t.yaml:7:"), ds.get(0).message());
    assertEquals(12, ds.get(0).location().line());
  }

  @Test
  void errorsFromSeveralFilesAreAllReportedSorted(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: B}\n");
    Files.writeString(dir.resolve("a.yml"), "apiVersion: v1\nkind: Pod\nmetadata: {}\n---\nkind: Pod\n");
    Files.writeString(dir.resolve("ignored.txt"), "not yaml: [");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()));
    assertEquals(List.of("a.yml:3 NPV-E-MISSING-FIELD", "a.yml:5 NPV-E-MISSING-FIELD", "b.yaml:3 NPV-E-NAME"),
        e.diagnostics().stream().map(d -> Path.of(d.location().file()).getFileName() + ":" + d.location().line()
            + " " + d.code()).toList());
  }

  @Test
  void badInputsAreDiagnosticsNotExceptions(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("latin1.yaml"), "a: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(dir.resolve("bin.yaml"), new byte[] {'a', ':', 0, 1, 2});
    Files.createDirectory(dir.resolve("empty"));
    Files.writeString(dir.resolve("broken.yaml"), "a: [\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ClusterLoader().load(
        List.of(dir.resolve("latin1.yaml").toString(), dir.resolve("bin.yaml").toString(),
            dir.resolve("empty").toString(), dir.resolve("missing.yaml").toString(),
            dir.resolve("broken.yaml").toString()), LoadOptions.defaults()));
    List<String> codes = e.diagnostics().stream().map(Diagnostic::code).sorted().toList();
    assertEquals(List.of(Codes.INPUT_BINARY, Codes.INPUT_EMPTY_DIR, Codes.INPUT_MISSING, Codes.INPUT_NOT_UTF8,
        "NPV-E-YAML-SYNTAX"), codes);
    Diagnostic utf = e.diagnostics().stream().filter(d -> d.code().equals(Codes.INPUT_NOT_UTF8)).findFirst().orElseThrow();
    assertEquals(1, utf.location().line());
    assertEquals(7, utf.location().column());
  }

  @Test
  void emptyFileIsAnEmptyCluster(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("empty.yaml"), "");
    Files.writeString(dir.resolve("comments.yaml"), "# nothing\n---\n");
    LoadResult r = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults());
    assertTrue(r.cluster().namespaces().isEmpty() && r.cluster().workloads().isEmpty());
  }

  @Test
  void sizeLimitIsEnforced(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("big.yaml"), "a: " + "x".repeat(200) + "\n");
    LoadOptions small = LoadOptions.defaults().withLimits(new YamlLimits(100, 10, 10, 10));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ClusterLoader().load(List.of(dir.toString()), small));
    assertEquals(Codes.LIMIT_SIZE, e.diagnostics().get(0).code());
  }
}
