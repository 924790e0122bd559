package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityFormat;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One workload per controller, whatever the input holds of it (issue 12, items 1 and 2). */
class WorkloadGroupingTest {
  private static final String NS = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\n";

  private static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", NS + yaml)), LoadOptions.defaults());
  }

  /** A pod with a controller owner, labels (k=v pairs), a phase and an IP. */
  private static String pod(String name, String ownerApi, String ownerKind, String owner, String phase, String ip,
                            String... labels) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < labels.length; i += 2) {
      l.append(i == 0 ? "" : ", ").append('"').append(labels[i]).append("\": \"").append(labels[i + 1]).append('"');
    }
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: x
          labels: {%s}
          ownerReferences: [{apiVersion: %s, kind: %s, name: %s, uid: u-%s, controller: true, blockOwnerDeletion: true}]
        spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 8080, protocol: TCP}]}]}
        status: {phase: %s, podIP: %s, podIPs: [{ip: %s}]}
        ---
        """.formatted(name, l, ownerApi, ownerKind, owner, name, phase, ip, ip);
  }

  private static final String DEPLOYMENT_WEB = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: x}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec: {containers: [{name: c, image: i, ports: [{name: http, containerPort: 80}]}]}
      ---
      """;

  private static boolean has(List<Diagnostic> ds, String code) {
    return ds.stream().anyMatch(d -> d.code().equals(code));
  }

  private static List<String> ids(Cluster c) {
    return c.workloads().stream().map(w -> w.kind() + " " + w.displayName()).toList();
  }

  @Test
  void podsOfAnAbsentDaemonSet_areOneWorkloadOfThatKind() throws Exception {
    LoadResult r = load(pod("agent-a", "apps/v1", "DaemonSet", "agent", "Running", "10.0.0.1", "app", "agent")
        + pod("agent-b", "apps/v1", "DaemonSet", "agent", "Running", "10.0.1.1", "app", "agent")
        + pod("agent-c", "apps/v1", "DaemonSet", "agent", "Running", "10.0.2.1", "app", "agent"));
    assertEquals(List.of("DaemonSet x/agent"), ids(r.cluster()));
    Workload w = r.cluster().workloads().get(0);
    assertEquals(List.of(IpAddress.v4("10.0.0.1"), IpAddress.v4("10.0.1.1"), IpAddress.v4("10.0.2.1")), w.podIps());
    assertEquals(Optional.of(8080), w.namedPort("http", Protocol.TCP));
    assertTrue(has(r.diagnostics(), Codes.OWNER_NOT_LOADED));
  }

  @Test
  void podOfAnAbsentReplicaSet_joinsTheLoadedDeployment_byNameAndHash() throws Exception {
    LoadResult r = load(DEPLOYMENT_WEB
        + pod("web-7d4b9c-q2x8z", "apps/v1", "ReplicaSet", "web-7d4b9c", "Running", "10.0.0.5", "app", "web",
            "pod-template-hash", "7d4b9c"));
    assertEquals(List.of("Deployment x/web"), ids(r.cluster()));
    Workload w = r.cluster().workloads().get(0);
    // The live pod's labels, ports and address, not the template's.
    assertEquals("7d4b9c", w.labels().get("pod-template-hash"));
    assertEquals(Optional.of(8080), w.namedPort("http", Protocol.TCP));
    assertEquals(List.of(IpAddress.v4("10.0.0.5")), w.podIps());
    assertTrue(has(r.diagnostics(), Codes.OWNER_INFERRED));
  }

  @Test
  void replicaSetNameThatIsNotTheDeploymentsHash_isNotLinked() throws Exception {
    LoadResult r = load(DEPLOYMENT_WEB
        + pod("web-other-1", "apps/v1", "ReplicaSet", "web-other", "Running", "10.0.0.5", "app", "web",
            "pod-template-hash", "7d4b9c"));
    assertEquals(List.of("Deployment x/web", "ReplicaSet x/web-other"), ids(r.cluster()));
    assertEquals(List.of(), r.cluster().workloads().get(0).podIps()); // the template stands in
  }

  @Test
  void podOfAnAbsentJob_joinsTheLoadedCronJob_byTheScheduledMinuteSuffix() throws Exception {
    String cronJob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: x}
        spec:
          schedule: "0 * * * *"
          jobTemplate: {spec: {template: {metadata: {labels: {app: report}}, spec: {restartPolicy: Never, containers: [{name: c, image: i}]}}}}
        ---
        """;
    LoadResult r = load(cronJob
        + pod("report-29412360-abcde", "batch/v1", "Job", "report-29412360", "Running", "10.0.0.7", "app", "report",
            "batch.kubernetes.io/job-name", "report-29412360", "job-name", "report-29412360")
        + pod("report-manual-fghij", "batch/v1", "Job", "report-manual", "Running", "10.0.0.8", "app", "report"));
    assertEquals(List.of("CronJob x/report", "Job x/report-manual"), ids(r.cluster()));
    assertEquals(List.of(IpAddress.v4("10.0.0.7")), r.cluster().workloads().get(0).podIps());
  }

  @Test
  void loadedChain_podReplicaSetDeployment_isOneWorkload_withThePodsLabels() throws Exception {
    LoadResult r = load(DEPLOYMENT_WEB + """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-7d4b9c
          namespace: x
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
        spec:
          selector: {matchLabels: {app: web, pod-template-hash: 7d4b9c}}
          template: {metadata: {labels: {app: web, pod-template-hash: 7d4b9c}}, spec: {containers: [{name: c, image: i}]}}
        ---
        """ + pod("web-7d4b9c-aaaaa", "apps/v1", "ReplicaSet", "web-7d4b9c", "Running", "10.0.0.5", "app", "web",
        "pod-template-hash", "7d4b9c"));
    assertEquals(List.of("Deployment x/web"), ids(r.cluster()));
    assertEquals("7d4b9c", r.cluster().workloads().get(0).labels().get("pod-template-hash"));
    assertFalse(has(r.diagnostics(), Codes.OWNER_INFERRED));
  }

  @Test
  void rolloutInProgress_keepsOneGroupPerLabelSet_namedByWhatDiffers() throws Exception {
    LoadResult r = load(DEPLOYMENT_WEB
        + pod("web-aaa-1", "apps/v1", "ReplicaSet", "web-aaa", "Running", "10.0.0.1", "app", "web",
            "pod-template-hash", "aaa")
        + pod("web-aaa-2", "apps/v1", "ReplicaSet", "web-aaa", "Running", "10.0.0.2", "app", "web",
            "pod-template-hash", "aaa")
        + pod("web-bbb-1", "apps/v1", "ReplicaSet", "web-bbb", "Running", "10.0.0.3", "app", "web",
            "pod-template-hash", "bbb", "version", "v2"));
    assertEquals(List.of("Deployment x/web [pod-template-hash=aaa,!version]",
        "Deployment x/web [pod-template-hash=bbb,version=v2]"), ids(r.cluster()));
    assertEquals(2, r.cluster().workloads().get(0).podIps().size());
    assertTrue(r.cluster().workloads().stream().allMatch(w -> w.id().equals("x/web")));
    assertTrue(has(r.diagnostics(), Codes.WORKLOAD_GROUPS));
  }

  @Test
  void terminatedPods_areLeftOut_withANote_andTheTemplateStandsInForTheirOwner() throws Exception {
    LoadResult r = load(DEPLOYMENT_WEB
        + pod("web-aaa-1", "apps/v1", "ReplicaSet", "web-aaa", "Failed", "10.0.0.1", "app", "web",
            "pod-template-hash", "aaa")
        + pod("batch-1", "batch/v1", "Job", "batch", "Succeeded", "10.0.0.2", "app", "batch")
        + """
        apiVersion: v1
        kind: Pod
        metadata: {name: evicted, namespace: x}
        spec: {containers: [{name: c, image: i}]}
        status: {phase: Failed, reason: Evicted, message: "The node was low on resource: memory."}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pending, namespace: x}
        spec: {containers: [{name: c, image: i}]}
        status: {phase: Pending}
        """);
    assertEquals(List.of("Pod x/pending", "Deployment x/web"), ids(r.cluster()));
    assertEquals(List.of(), r.cluster().workloads().get(1).podIps());
    assertEquals(3, r.diagnostics().stream().filter(d -> d.code().equals(Codes.POD_TERMINATED)).count());
  }

  @Test
  void ownerOfAnotherApiGroup_isNotTakenForAKubernetesController() throws Exception {
    LoadResult r = load(DEPLOYMENT_WEB
        + pod("web-1", "example.com/v1", "Deployment", "web", "Running", "10.0.0.1", "app", "web"));
    assertEquals(List.of("Deployment x/web", "Pod x/web-1"), ids(r.cluster()));
  }

  @Test
  void replicasOfOneWorkload_areShownAsReplicaToReplica_aBarePodNever() throws Exception {
    String policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-to-web, namespace: x}
        spec:
          podSelector: {}
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}]
        ---
        """;
    LoadResult r = load(policy + DEPLOYMENT_WEB
        + pod("web-aaa-1", "apps/v1", "ReplicaSet", "web-aaa", "Running", "10.0.0.1", "app", "web",
            "pod-template-hash", "aaa")
        + pod("web-aaa-2", "apps/v1", "ReplicaSet", "web-aaa", "Running", "10.0.0.2", "app", "web",
            "pod-template-hash", "aaa")
        + pod("web-bbb-1", "apps/v1", "ReplicaSet", "web-bbb", "Running", "10.0.0.3", "app", "web",
            "pod-template-hash", "bbb")
        + """
        apiVersion: v1
        kind: Pod
        metadata: {name: solo, namespace: x, labels: {app: web}}
        spec: {containers: [{name: c, image: i}]}
        status: {phase: Running, podIP: 10.0.0.9}
        """);
    String text = ConnectivityFormat.TEXT.renderer().render(
        new ConnectivityAnalyzer(r.cluster(), EvaluatorOptions.DEFAULT).analyze(Optional.empty()));
    List<String> pods = text.lines().filter(l -> !l.contains("External")).toList();
    String a = "x/web [pod-template-hash=aaa] (Deployment)";
    String b = "x/web [pod-template-hash=bbb] (Deployment)";
    assertEquals(List.of(
        "x/solo (Pod) -> " + a + ": TCP 8080",
        "x/solo (Pod) -> " + b + ": TCP 8080",
        a + " -> x/solo (Pod): TCP 8080",
        a + " replica to replica: TCP 8080",
        a + " -> " + b + " (replica to replica): TCP 8080",
        b + " -> x/solo (Pod): TCP 8080",
        b + " -> " + a + " (replica to replica): TCP 8080"),
        pods);
  }

  @Test
  void aSpecNamesTheAbsentOwner_asAnyWorkload() throws Exception {
    Cluster c = load("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: x}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        """ + pod("agent-a", "apps/v1", "DaemonSet", "agent", "Running", "10.0.0.1", "app", "agent")
        + pod("agent-b", "apps/v1", "DaemonSet", "agent", "Running", "10.0.1.1", "app", "agent")).cluster();
    var sets = new SpecReader().read("spec.yaml", """
        apiVersion: npv.dev/v1alpha1
        kind: InvariantSet
        metadata: {name: s}
        spec:
          world: closed
          invariants:
          - name: agent-closed
            expect: deny
            from: {namespace: x}
            to: {workload: x/agent}
          - name: agent-reaches-out
            expect: allowSome
            from: {workload: x/agent}
            to: {ipBlock: {cidr: 0.0.0.0/0}}
        """);
    Verifier.requireKnownWorkloads(c, sets);
    VerificationReport report = new Verifier(c, VerifyOptions.DEFAULT).verify(sets);
    assertEquals(List.of(Verdict.PROVEN, Verdict.PROVEN), report.results().stream().map(CheckResult::verdict).toList());
  }

  @Test
  void replicaSetOfAnAbsentDeployment_standsInUnderTheDeploymentsName_whenNoPodIsLoaded() throws Exception {
    LoadResult r = load("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-7d4b9c
          namespace: x
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
        spec:
          selector: {matchLabels: {app: web, pod-template-hash: 7d4b9c}}
          template: {metadata: {labels: {app: web, pod-template-hash: 7d4b9c}}, spec: {containers: [{name: c, image: i}]}}
        """);
    assertEquals(List.of("Deployment x/web"), ids(r.cluster()));
    assertEquals("7d4b9c", r.cluster().workloads().get(0).labels().get("pod-template-hash"));
    assertTrue(has(r.diagnostics(), Codes.OWNER_NOT_LOADED));
  }

  @Test
  void loadedJobOfAnAbsentCronJob_isTheCronJobsWorkload() throws Exception {
    LoadResult r = load("""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: report-29412360
          namespace: x
          ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: report, uid: u1, controller: true}]
        spec: {template: {metadata: {labels: {app: report}}, spec: {restartPolicy: Never, containers: [{name: c, image: i}]}}}
        ---
        """ + pod("report-29412360-abcde", "batch/v1", "Job", "report-29412360", "Running", "10.0.0.7", "app", "report"));
    assertEquals(List.of("CronJob x/report"), ids(r.cluster()));
    assertEquals(List.of(IpAddress.v4("10.0.0.7")), r.cluster().workloads().get(0).podIps());
  }

  @Test
  void podsOfControllersNpvDoesNotModel_staySeparatePods() throws Exception {
    LoadResult r = load(pod("kube-apiserver-node-a", "v1", "Node", "node-a", "Running", "10.0.0.1", "component", "kube-apiserver")
        + pod("rollout-abc-1", "argoproj.io/v1alpha1", "Rollout", "rollout", "Running", "10.0.0.2", "app", "r")
        + pod("rollout-abc-2", "argoproj.io/v1alpha1", "Rollout", "rollout", "Running", "10.0.0.3", "app", "r"));
    assertEquals(List.of("Pod x/kube-apiserver-node-a", "Pod x/rollout-abc-1", "Pod x/rollout-abc-2"), ids(r.cluster()));
    assertTrue(has(r.diagnostics(), Codes.OWNER_NOT_LOADED));
  }

  @Test
  void podsThatDifferOnlyInContainerPorts_areGroupsNamedByTheirPorts() throws Exception {
    String other = pod("agent-b", "apps/v1", "DaemonSet", "agent", "Running", "10.0.1.1", "app", "agent")
        .replace("{name: http, containerPort: 8080, protocol: TCP}", "{name: http, containerPort: 9090, protocol: TCP}");
    LoadResult r = load(pod("agent-a", "apps/v1", "DaemonSet", "agent", "Running", "10.0.0.1", "app", "agent") + other);
    assertEquals(List.of("DaemonSet x/agent [container ports http:8080/TCP]",
        "DaemonSet x/agent [container ports http:9090/TCP]"), ids(r.cluster()));
  }

  @Test
  void anOwnershipCycle_leavesEachObjectItsOwnWorkload_withoutAnError() throws Exception {
    LoadResult r = load("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: a
          namespace: x
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: b, uid: u1, controller: true}]
        spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: b
          namespace: x
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: a, uid: u2, controller: true}]
        spec: {template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, image: i}]}}}
        """);
    assertEquals(List.of("ReplicaSet x/a", "ReplicaSet x/b"), ids(r.cluster()));
    assertEquals("a", r.cluster().workloads().get(0).labels().get("app"));
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.code().equals(ClusterLoader.INTERNAL)));
  }
}
