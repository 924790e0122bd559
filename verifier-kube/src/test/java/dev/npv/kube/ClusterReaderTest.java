package dev.npv.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityFormat;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.LoadResult;
import dev.npv.model.Cluster;
import dev.npv.model.Workload;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a live cluster (a real HTTP mock API server) gives what reading the same objects from files gives. */
class ClusterReaderTest {
  private static final Path LIVE = Path.of("src/test/resources/live/cluster.yaml");
  private static final Path SPEC = Path.of("src/test/resources/live/invariants.yaml");
  private static final Path TENANTS = Path.of("../specs/examples/tenants");

  @TempDir
  Path tmp;

  private KubeSource source(FakeApiServer server, String context) throws IOException {
    return KubeSource.defaults().withKubeconfig(server.writeKubeconfig(tmp, context)).withRetries(0);
  }

  @Test
  void liveCluster_sameConnectivityAndVerdictsAsItsYaml() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies().createFile(LIVE)) {
      LoadResult live = new KubeClusterLoader().load(source(server, "prod").withPageSize(2), LoadOptions.defaults());
      LoadResult files = new ClusterLoader().load(List.of(LIVE.toString()), LoadOptions.defaults());
      assertSameCluster(files.cluster(), live.cluster());
      for (World world : World.values()) {
        assertEquals(verdicts(files.cluster(), world), verdicts(live.cluster(), world), world.toString());
      }
      // the pods (ownerReferences to the ReplicaSet, status IPs) came through, as the Deployment's
      Workload web = live.cluster().workload("shop", "web").orElseThrow();
      assertEquals(List.of("10.244.1.10", "10.244.1.11"), web.podIps().stream().map(Object::toString).sorted().toList());
    }
  }

  @Test
  void adminTiers_sameVerdictsAsTheBundledExample() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies()) {
      server.createFile(TENANTS.resolve("cluster.yaml")).createFile(TENANTS.resolve("policies.yaml"));
      Cluster live = new KubeClusterLoader().load(source(server, "tenants"), LoadOptions.defaults()).cluster();
      Cluster files = new ClusterLoader().load(List.of(TENANTS.toString()), LoadOptions.defaults()).cluster();
      assertEquals(4, live.adminPolicies().size());
      assertSameCluster(files, live);
      List<InvariantSet> spec = new SpecReader().read(List.of(TENANTS.resolve("invariants.yaml")));
      assertEquals(verdicts(files, spec, Optional.empty()), verdicts(live, spec, Optional.empty()));
    }
  }

  @Test
  void everyLocationNamesTheObjectInTheCluster() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies().createFile(LIVE)) {
      Cluster live = new KubeClusterLoader().load(source(server, "prod"), LoadOptions.defaults()).cluster();
      assertEquals("cluster:prod/NetworkPolicy/payments/ledger-from-shop",
          live.policies().stream().filter(p -> p.id().name().equals("ledger-from-shop")).findFirst().orElseThrow()
              .location().toString());
      assertEquals("cluster:prod/AdminNetworkPolicy/pci-isolation", live.adminPolicies().stream()
          .filter(p -> p.name().equals("pci-isolation")).findFirst().orElseThrow().location().toString());
      assertEquals("cluster:prod/StatefulSet/payments/ledger",
          live.workload("payments", "ledger").orElseThrow().location().toString());
    }
  }

  @Test
  void pagination_readsEveryPage() throws Exception {
    try (FakeApiServer server = FakeApiServer.builtInOnly()) {
      StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata: {name: many}\n");
      for (int i = 0; i < 7; i++) {
        yaml.append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: p").append(i).append(", namespace: many,"
            + " labels: {app: p}}\nspec: {containers: [{name: c, image: x}]}\nstatus: {podIP: 10.0.0.")
            .append(i + 1).append("}\n");
      }
      server.create(yaml.toString());
      ClusterSnapshot snapshot = new ClusterReader(source(server, "paged").withPageSize(3)).read();
      List<String> pods = snapshot.objects().stream().map(o -> o.name()).filter(n -> n.contains("/Pod/")).toList();
      assertEquals(7, pods.size(), pods.toString());
      assertEquals("cluster:paged/Pod/many/p0", pods.get(0));
      // 7 pods at 3 a page are 3 requests; every other kind fits in one page
      int kinds = (int) ApiResource.MODELLED.stream().filter(k -> !k.optional()).count(); // no admin CRDs served here
      assertEquals(kinds - 1 + 3, server.listRequests());
    }
  }

  @Test
  void missingCrds_skippedWithANote() throws Exception {
    try (FakeApiServer server = FakeApiServer.builtInOnly()) {
      server.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
      LoadResult r = new KubeClusterLoader().load(source(server, "bare"), LoadOptions.defaults());
      assertEquals(List.of("AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"),
          r.diagnostics().stream().filter(d -> d.code().equals(ClusterCodes.NOT_SERVED))
              .map(d -> d.location().file().substring("cluster:bare/".length())).sorted().toList());
      assertTrue(r.diagnostics().stream().noneMatch(Diagnostic::isError));
      assertTrue(r.cluster().namespace("a").isPresent());
    }
  }

  @Test
  void onlyTheOlderAdminVersion_clusterNetworkPolicySkipped() throws Exception {
    try (FakeApiServer server = FakeApiServer.builtInOnly()) {
      ApiResource.MODELLED.stream().filter(k -> k.optional() && k.version().equals("v1alpha1")).forEach(server::serve);
      server.create("apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n"
          + "metadata: {name: default}\nspec: {subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}\n");
      LoadResult r = new KubeClusterLoader().load(source(server, "c"), LoadOptions.defaults());
      assertEquals(1, r.cluster().adminPolicies().size());
      assertEquals(List.of("cluster:c/ClusterNetworkPolicy"), r.diagnostics().stream()
          .filter(d -> d.code().equals(ClusterCodes.NOT_SERVED)).map(d -> d.location().file()).toList());
    }
  }

  @Test
  void clusterNetworkPolicyV1beta1_isReadWhereServed_andOnlyOneVersionIsRead() throws Exception {
    try (FakeApiServer server = FakeApiServer.builtInOnly()) {
      ApiResource.MODELLED.stream().filter(k -> k.kind().equals("ClusterNetworkPolicy")).forEach(server::serve);
      server.create("apiVersion: policy.networking.k8s.io/v1beta1\nkind: ClusterNetworkPolicy\n"
          + "metadata: {name: deny-all}\nspec: {tier: Baseline, priority: 1, subject: {namespaces: {}},\n"
          + "  ingress: [{action: Deny, from: [{namespaces: {}}]}]}\n");
      LoadResult r = new KubeClusterLoader().load(source(server, "c"), LoadOptions.defaults());
      assertEquals(1, r.cluster().adminPolicies().size(), r.diagnostics().toString());
      assertEquals(List.of("cluster:c/AdminNetworkPolicy", "cluster:c/BaselineAdminNetworkPolicy"),
          r.diagnostics().stream().filter(d -> d.code().equals(ClusterCodes.NOT_SERVED))
              .map(d -> d.location().file()).toList(), "v1alpha2 is served too, yet not read again or noted");
    }
  }

  @Test
  void cniPolicyKinds_readAndWarnedAbout() throws Exception {
    try (FakeApiServer server = FakeApiServer.builtInOnly()) {
      server.serve(new ApiResource("cilium.io", "v2", "ciliumnetworkpolicies", "CiliumNetworkPolicy", true, true));
      server.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: cilium.io/v2\n"
          + "kind: CiliumNetworkPolicy\nmetadata: {name: l7, namespace: a}\nspec: {endpointSelector: {}}\n");
      LoadResult r = new KubeClusterLoader().load(source(server, "cni"), LoadOptions.defaults());
      Diagnostic w = r.diagnostics().stream().filter(d -> d.code().equals("NPV-W-UNMODELLED-KIND")).findFirst()
          .orElseThrow(() -> new AssertionError(r.diagnostics()));
      assertEquals("cluster:cni/CiliumNetworkPolicy/a/l7", w.location().toString());
    }
  }

  @Test
  void oneNamespace_readsItsObjectsAndTheClusterScopedOnes() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies().createFile(LIVE)) {
      Cluster live = new KubeClusterLoader().load(source(server, "prod").withNamespace("payments"),
          LoadOptions.defaults()).cluster();
      assertEquals(List.of("payments"), List.copyOf(live.namespaces().keySet()));
      assertTrue(live.workloads().stream().allMatch(w -> w.namespace().equals("payments")));
      assertFalse(live.workloads().isEmpty());
      assertEquals(2, live.adminPolicies().size());
      assertEquals(1, live.nodes().size());
    }
  }

  @Test
  void unknownNamespace_isAnError() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies().createFile(LIVE)) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new ClusterReader(source(server, "prod").withNamespace("nope")).read());
      assertEquals(ClusterCodes.NAMESPACE, e.diagnostics().get(0).code());
    }
  }

  @Test
  void forbiddenList_isAClearErrorAndNothingIsRead() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies().createFile(LIVE)) {
      server.forbid("/api/v1/pods", "pods").forbid("/apis/apps/v1/replicasets", "replicasets.apps");
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new KubeClusterLoader().load(source(server, "prod"), LoadOptions.defaults()));
      List<Diagnostic> errors = e.diagnostics().stream().filter(Diagnostic::isError).toList();
      assertEquals(List.of("cluster:prod/Pod", "cluster:prod/ReplicaSet"),
          errors.stream().map(d -> d.location().toString()).toList());
      assertTrue(errors.stream().allMatch(d -> d.code().equals(ClusterCodes.FORBIDDEN)));
      assertTrue(errors.get(0).message().contains("forbidden to list pods in all namespaces"), errors.get(0).message());
      assertTrue(errors.get(0).message().contains("cannot list resource \"pods\""), errors.get(0).message());
    }
  }

  @Test
  void crdGoneAfterDiscovery_skippedWithANote() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies()) {
      server.fail("/apis/policy.networking.k8s.io/v1alpha1/baselineadminnetworkpolicies", 404, "NotFound",
          "the server could not find the requested resource");
      LoadResult r = new KubeClusterLoader().load(source(server, "c"), LoadOptions.defaults());
      assertEquals(List.of("cluster:c/BaselineAdminNetworkPolicy"), r.diagnostics().stream()
          .filter(d -> d.code().equals(ClusterCodes.NOT_SERVED)).map(d -> d.location().file()).toList());
    }
  }

  @Test
  void builtInKindNotFound_orExpiredContinueToken_isAnError() throws Exception {
    try (FakeApiServer server = FakeApiServer.withAdminPolicies()) {
      server.fail("/apis/apps/v1/deployments", 404, "NotFound", "the server could not find the requested resource")
          .fail("/api/v1/pods", 410, "Expired", "The provided continue parameter is too old");
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new ClusterReader(source(server, "c")).read());
      assertEquals(List.of("cluster:c/Pod NPV-E-CLUSTER-API", "cluster:c/Deployment NPV-E-CLUSTER-API"), // read order
          e.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.location() + " " + d.code()).toList());
      assertTrue(e.diagnostics().stream().anyMatch(d -> d.message().contains("HTTP 410")
          && d.message().contains("run again")), e.diagnostics().toString());
    }
  }

  @Test
  void silentServer_timesOut() throws Exception {
    // Accepts connections (the kernel's backlog) and never answers: only the client's timeout ends the wait.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Path kubeconfig = FakeApiServer.writeKubeconfig(tmp, "silent", "http://127.0.0.1:" + silent.getLocalPort());
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ClusterReader(
          KubeSource.defaults().withKubeconfig(kubeconfig).withRequestTimeoutMillis(200).withRetries(0)).read());
      Diagnostic d = e.diagnostics().get(0);
      assertEquals(ClusterCodes.TIMEOUT, d.code(), d.oneLine());
      assertTrue(d.message().contains("within 200 ms"), d.message());
      assertEquals(1, e.diagnostics().size());
    }
  }

  @Test
  void closedPort_isUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path kubeconfig = FakeApiServer.writeKubeconfig(tmp, "gone", "http://127.0.0.1:" + port);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ClusterReader(KubeSource.defaults().withKubeconfig(kubeconfig).withRetries(0)).read());
    assertEquals(ClusterCodes.UNREACHABLE, e.diagnostics().get(0).code(), e.diagnostics().get(0).oneLine());
    assertTrue(e.diagnostics().get(0).location().toString().startsWith("cluster:gone"));
  }

  @Test
  void unknownContext_isAConfigError() throws Exception {
    try (FakeApiServer server = FakeApiServer.builtInOnly()) {
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new ClusterReader(source(server, "real").withContext("typo")).read());
      assertEquals(ClusterCodes.CONFIG, e.diagnostics().get(0).code());
      assertTrue(e.diagnostics().get(0).message().contains("contexts: real"), e.diagnostics().get(0).message());
    }
  }

  @Test
  void kubeconfigWithoutCurrentContext_needsContext() throws Exception {
    try (FakeApiServer server = FakeApiServer.builtInOnly()) {
      Path kubeconfig = server.writeKubeconfig(tmp, "only");
      Files.writeString(kubeconfig, Files.readString(kubeconfig)
          .replace("current-context: only\n", ""));
      InvalidInputException e = assertThrows(InvalidInputException.class,
          () -> new ClusterReader(KubeSource.defaults().withKubeconfig(kubeconfig)).read());
      assertTrue(e.diagnostics().get(0).message().contains("sets no current-context"), e.getMessage());
      ClusterSnapshot s = new ClusterReader(KubeSource.defaults().withKubeconfig(kubeconfig).withContext("only")).read();
      assertEquals("only", s.context());
    }
  }

  private static void assertSameCluster(Cluster expected, Cluster actual) {
    assertEquals(ids(expected), ids(actual));
    assertEquals(expected.workloads().stream().map(w -> w.id() + w.labels() + w.podIps() + w.ports())
        .sorted().toList(), actual.workloads().stream().map(w -> w.id() + w.labels() + w.podIps() + w.ports())
        .sorted().toList());
    assertEquals(expected.namespaces().values().stream().map(n -> n.name() + n.labels()).toList(),
        actual.namespaces().values().stream().map(n -> n.name() + n.labels()).toList());
    assertEquals(expected.policies().stream().map(p -> p.id()).sorted().toList(),
        actual.policies().stream().map(p -> p.id()).sorted().toList());
    EvaluatorOptions o = EvaluatorOptions.DEFAULT;
    assertEquals(ConnectivityFormat.JSON.renderer().render(new ConnectivityAnalyzer(expected, o).analyze()),
        ConnectivityFormat.JSON.renderer().render(new ConnectivityAnalyzer(actual, o).analyze()));
  }

  private static String ids(Cluster c) {
    return c.workloads().stream().map(Workload::id).sorted().collect(Collectors.joining(","));
  }

  private static List<String> verdicts(Cluster cluster, World world) throws Exception {
    return verdicts(cluster, new SpecReader().read(List.of(SPEC)), Optional.of(world));
  }

  private static List<String> verdicts(Cluster cluster, List<InvariantSet> spec, Optional<World> world)
      throws Exception {
    return new Verifier(cluster, new VerifyOptions(world, SessionOptions.DEFAULT)).verify(spec).results().stream()
        .map(r -> r.name() + "=" + r.verdict()).sorted().toList();
  }
}
