package dev.npv.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Soundness findings of the semantics review, each pinned by the scenario that exposed it. */
class ReviewFindingsTest {
  static Cluster cluster(String yaml) throws Exception {
    return new ClusterLoader().loadTexts(List.of(new SourceText("cluster.yaml", yaml)), LoadOptions.defaults())
        .cluster();
  }

  static CheckResult check(Cluster c, String invariant) throws Exception {
    String spec = String.join("\n", "apiVersion: npv.dev/v1alpha1", "kind: InvariantSet", "metadata: {name: t}",
        "spec:", "  world: closed", "  invariants:", invariant, "");
    List<InvariantSet> sets = new SpecReader().read("spec.yaml", spec);
    return new Verifier(c, VerifyOptions.DEFAULT).verify(sets).results().get(0);
  }

  static final String NS = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n";

  static String pod(String name, String labels, String containers) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: a, labels: " + labels + "}\n"
        + "spec:\n" + containers + "\n---\n";
  }

  /** Port names are unique per container, not per pod: "dns" may be TCP 5353 in one and UDP 53 in another. */
  @Test
  void namedPort_sameNameOnTwoContainers_resolvesPerProtocol() throws Exception {
    Cluster c = cluster(NS
        + pod("client", "{app: client}", "  containers: [{name: c, image: x}]")
        + pod("dns", "{app: dns}", String.join("\n",
            "  containers:",
            "  - {name: tcp, image: x, ports: [{name: dns, containerPort: 5353, protocol: TCP}]}",
            "  - {name: udp, image: x, ports: [{name: dns, containerPort: 53, protocol: UDP}]}"))
        + "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\n"
        + "spec:\n  podSelector: {matchLabels: {app: dns}}\n  ingress: [{ports: [{protocol: UDP, port: dns}]}]\n");
    CheckResult r = check(c, "  - {name: no-udp-53, expect: deny, from: {workload: a/client}, to: {workload: a/dns},"
        + " ports: [{protocol: UDP, port: 53}]}");
    assertEquals(Verdict.VIOLATED, r.verdict(), "UDP 53 is open through the second container's 'dns'");
  }

  /** A plain init container has exited before the pod serves: its named ports resolve nothing. */
  @Test
  void namedPort_ofPlainInitContainer_isIgnored_ofSidecarIsNot() throws Exception {
    String policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\n"
        + "spec:\n  podSelector: {matchLabels: {app: web}}\n  ingress: [{ports: [{port: http}]}]\n";
    String init = String.join("\n",
        "  initContainers: [{name: migrate, image: x, ports: [{name: http, containerPort: 9000}]}]",
        "  containers: [{name: web, image: x, ports: [{name: http, containerPort: 8080}]}]");
    Cluster c = cluster(NS + pod("client", "{app: client}", "  containers: [{name: c, image: x}]")
        + pod("web", "{app: web}", init) + policy);
    assertEquals(Verdict.PROVEN, check(c, "  - {name: n, expect: deny, from: {workload: a/client}, "
        + "to: {workload: a/web}, ports: [{port: 9000}]}").verdict());
    assertEquals(Verdict.VIOLATED, check(c, "  - {name: n, expect: deny, from: {workload: a/client}, "
        + "to: {workload: a/web}, ports: [{port: 8080}]}").verdict());
    Cluster sidecar = cluster(NS + pod("client", "{app: client}", "  containers: [{name: c, image: x}]")
        + pod("web", "{app: web}", init.replace("{name: migrate, image: x,", "{name: migrate, image: x, restartPolicy: Always,"))
        + policy);
    assertEquals(Verdict.VIOLATED, check(sidecar, "  - {name: n, expect: deny, from: {workload: a/client}, "
        + "to: {workload: a/web}, ports: [{port: 9000}]}").verdict());
  }

  /** A workload reference covers every kind with that name: a Deployment and a CronJob may share it. */
  @Test
  void workloadReference_coversEveryKindWithThatName() throws Exception {
    String template = "  template:\n    metadata: {labels: {app: LABEL}}\n    spec: {containers: [{name: c, image: x}]}\n";
    Cluster c = cluster(NS
        + pod("client", "{app: client}", "  containers: [{name: c, image: x}]")
        + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: backup, namespace: a}\n"
        + "spec:\n  selector: {matchLabels: {app: open}}\n" + template.replace("LABEL", "open") + "---\n"
        + "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup, namespace: a}\n"
        + "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n"
        + template.replace("LABEL", "locked").replace("\n  ", "\n      ").replaceFirst("^  ", "      ") + "---\n"
        + "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\n"
        + "spec:\n  podSelector: {matchLabels: {app: locked}}\n  policyTypes: [Ingress]\n");
    CheckResult r = check(c, "  - {name: n, expect: deny, from: {workload: a/client}, to: {workload: a/backup}}");
    // The CronJob sorts first and is isolated; the Deployment of the same name is not.
    assertEquals(Verdict.VIOLATED, r.verdict(), "the Deployment's pods are not isolated");
  }

  /** Two address sets form no pair: say the invariant is vacuous rather than silently PROVEN. */
  @Test
  void scopeWithNoPairs_isWarnedAsVacuous() throws Exception {
    Cluster c = cluster(NS + pod("client", "{app: client}", "  containers: [{name: c, image: x}]"));
    CheckResult r = check(c, "  - {name: n, expect: deny, from: {ipBlock: {cidr: 10.0.0.0/8}}, "
        + "to: {ipBlock: {cidr: 0.0.0.0/0}}}");
    assertEquals(Verdict.PROVEN, r.verdict());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("holds vacuously")), r.warnings().toString());
  }
}
