package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityFormat;
import dev.npv.diag.Severity;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Workload;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shape of {@code kubectl get ... -A -o yaml}: a {@code kind: List} with managedFields, status and
 * ownerReferences, as kubectl prints it. {@code full-export.yaml} holds every kind npv reads;
 * {@code without-replicasets-and-jobs.yaml} is the same cluster as the earlier README one-liner
 * ({@code netpol,ns,pods,deploy,sts,ds}, plus cronjobs, nodes and the admin policy) exports it: no
 * ReplicaSets and no Jobs, so pods name owners that are not in the input. Both must give one row per
 * workload and the same answers.
 */
class ExportShapeTest {
  private static final Path DIR = Path.of("src/test/resources/export-shape");

  private static LoadResult load(String file) throws Exception {
    return new ClusterLoader().load(List.of(DIR.resolve(file).toString()), LoadOptions.defaults());
  }

  /** Everything about a workload but where it was read from. */
  private static List<String> rows(Cluster c) {
    return c.workloads().stream().map(w -> w.kind() + " " + w.displayName() + " " + w.labels() + " ports="
        + w.ports().stream().map(p -> p.name().orElse("") + ":" + p.port() + "/" + p.protocol())
            .collect(Collectors.joining(",")) + " ips=" + w.podIps() + (w.hostNetwork() ? " hostNetwork" : ""))
        .toList();
  }

  /** The API resource (plural, with its group where the README qualifies it) of each kind. */
  private static final Map<String, String> RESOURCES = Map.ofEntries(
      Map.entry("namespaces", "Namespace"), Map.entry("nodes", "Node"),
      Map.entry("networkpolicies", "NetworkPolicy"), Map.entry("pods", "Pod"),
      Map.entry("deployments", "Deployment"), Map.entry("replicasets", "ReplicaSet"),
      Map.entry("statefulsets", "StatefulSet"), Map.entry("daemonsets", "DaemonSet"),
      Map.entry("jobs", "Job"), Map.entry("cronjobs", "CronJob"),
      Map.entry("replicationcontrollers", "ReplicationController"),
      Map.entry("adminnetworkpolicies.policy.networking.k8s.io", "AdminNetworkPolicy"),
      Map.entry("baselineadminnetworkpolicies.policy.networking.k8s.io", "BaselineAdminNetworkPolicy"),
      Map.entry("clusternetworkpolicies.policy.networking.k8s.io", "ClusterNetworkPolicy"));

  @Test
  void readmeKubectlOneLiner_listsEveryKindTheLoaderReads() throws Exception {
    String line = Files.readAllLines(Path.of("../README.md")).stream()
        .filter(l -> l.startsWith("kubectl get -A -o yaml ")).findFirst().orElseThrow();
    String resources = line.substring("kubectl get -A -o yaml ".length(), line.indexOf(' ', "kubectl get -A -o yaml ".length()));
    Set<String> kinds = new TreeSet<>();
    for (String r : resources.split(",")) {
      assertTrue(RESOURCES.containsKey(r), "unknown resource in the README one-liner: " + r);
      kinds.add(RESOURCES.get(r));
    }
    assertEquals(new TreeSet<>(ManifestReader.API_VERSIONS.keySet()), kinds);
  }

  @Test
  void bothShapes_giveOneRowPerWorkload_fromTheLivePods() throws Exception {
    List<String> expected = List.of(
        "DaemonSet kube-system/node-exporter {app=node-exporter, controller-revision-hash=6b9d8c5f7,"
            + " pod-template-generation=1} ports=metrics:9100/TCP ips=[10.244.0.5, 10.244.1.5]",
        "Deployment monitoring/prometheus {app=prometheus, pod-template-hash=84c9fb6f7d} ports=web:9090/TCP"
            + " ips=[10.244.1.30]",
        "Deployment shop/api {app=api, pod-template-hash=7b5c6d9f48, tier=backend}"
            + " ports=grpc:9090/TCP,metrics:9100/TCP ips=[10.244.0.21]",
        "StatefulSet shop/db [apps.kubernetes.io/pod-index=0,statefulset.kubernetes.io/pod-name=db-0] {app=db,"
            + " apps.kubernetes.io/pod-index=0, controller-revision-hash=db-5f8c7b6d9,"
            + " statefulset.kubernetes.io/pod-name=db-0} ports=postgres:5432/TCP ips=[10.244.0.40]",
        "StatefulSet shop/db [apps.kubernetes.io/pod-index=1,statefulset.kubernetes.io/pod-name=db-1] {app=db,"
            + " apps.kubernetes.io/pod-index=1, controller-revision-hash=db-5f8c7b6d9,"
            + " statefulset.kubernetes.io/pod-name=db-1} ports=postgres:5432/TCP ips=[10.244.1.41]",
        "Pod shop/debug {run=debug} ports= ips=[10.244.0.60]",
        // The completed Job's pod (10.244.0.50) has terminated: only the running one is left.
        "CronJob shop/report {app=report, batch.kubernetes.io/controller-uid=" + jobUid() + ","
            + " batch.kubernetes.io/job-name=report-29412390, controller-uid=" + jobUid() + ","
            + " job-name=report-29412390} ports= ips=[10.244.1.51]",
        // The evicted pod of the old ReplicaSet is left out; the template does not stand in beside the pods.
        "Deployment shop/web {app=web, pod-template-hash=6d8f7b9c5d} ports=http:8080/TCP"
            + " ips=[10.244.0.12, 10.244.1.17]");
    assertEquals(expected, rows(load("full-export.yaml").cluster()));
    LoadResult partial = load("without-replicasets-and-jobs.yaml");
    assertEquals(expected, rows(partial.cluster()));
    List<String> codes = partial.diagnostics().stream().map(d -> d.code()).distinct().sorted().toList();
    assertTrue(codes.containsAll(List.of(Codes.OWNER_INFERRED, Codes.POD_TERMINATED, Codes.WORKLOAD_GROUPS)), codes::toString);
    assertTrue(partial.diagnostics().stream().noneMatch(d -> d.severity() == Severity.ERROR));
  }

  /** The uid of the running Job, which its pods carry as a label. */
  private static String jobUid() throws Exception {
    Workload report = load("full-export.yaml").cluster().workload("shop", "report").orElseThrow();
    return report.labels().get("controller-uid");
  }

  @Test
  void bothShapes_giveTheSameConnectivity() throws Exception {
    assertEquals(connectivity("full-export.yaml"), connectivity("without-replicasets-and-jobs.yaml"));
    // Sibling replicas are one workload talking among its pods, not a workload and its own pods.
    assertTrue(connectivity("full-export.yaml").contains("shop/web (Deployment) replica to replica: TCP 8080\n"));
  }

  private static String connectivity(String file) throws Exception {
    return ConnectivityFormat.TEXT.renderer().render(new ConnectivityAnalyzer(load(file).cluster(),
        EvaluatorOptions.DEFAULT).analyze(Optional.empty()));
  }

  @Test
  void bothShapes_giveTheRecordedVerdicts_inBothWorlds() throws Exception {
    List<InvariantSet> specs = new SpecReader().read(List.of(DIR.resolve("invariants.yaml")));
    for (World world : World.values()) {
      List<String> full = verdicts(load("full-export.yaml").cluster(), specs, world);
      List<String> partial = verdicts(load("without-replicasets-and-jobs.yaml").cluster(), specs, world);
      assertEquals(full, partial, world.toString());
      assertTrue(full.stream().allMatch(v -> v.endsWith(" as recorded")), () -> world + ": " + full);
    }
  }

  private static List<String> verdicts(Cluster c, List<InvariantSet> specs, World world) throws Exception {
    Verifier.requireKnownWorkloads(c, specs);
    VerificationReport report = new Verifier(c, new VerifyOptions(Optional.of(world),
        SessionOptions.DEFAULT)).verify(specs);
    return report.results().stream().map(r -> r.name() + " " + r.verdict() + (passed(r) ? " as recorded" : ""))
        .toList();
  }

  private static boolean passed(CheckResult r) {
    return r.passed();
  }
}
