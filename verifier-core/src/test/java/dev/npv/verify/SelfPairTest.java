package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod talking to itself is not counted, whatever owns it: in the closed world a controller whose
 * only live pod is loaded has no replica-to-replica pair (the solver may not pair the pod with its own
 * address), while two live pods are two endpoints.
 */
class SelfPairTest {
  private static String pod(String name, String ip) {
    return """
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: shop
          labels: {app: web, pod-template-hash: 7d4b9c}
          ownerReferences:
          - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9c, uid: u1, controller: true}
        spec:
          containers: [{name: web, image: nginx}]
        status: {phase: Running, podIP: %s, podIPs: [{ip: %s}]}
        """.formatted(name, ip, ip);
  }

  private static Verdict verdict(Path dir, String manifests) throws Exception {
    Files.writeString(dir.resolve("cluster.yaml"), manifests);
    Files.writeString(dir.resolve("spec.yaml"), """
        apiVersion: npv.dev/v1alpha1
        kind: InvariantSet
        metadata: {name: replicas}
        spec:
          world: closed
          invariants:
          - name: web-replicas-talk
            expect: allowSome
            from: {workload: shop/web-7d4b9c}
            to: {workload: shop/web-7d4b9c}
            ports: [{protocol: TCP, port: 80}]
        """);
    Cluster c = new ClusterLoader().load(List.of(dir.resolve("cluster.yaml").toString()), LoadOptions.defaults())
        .cluster();
    List<InvariantSet> sets = new SpecReader().read(List.of(dir.resolve("spec.yaml")));
    VerificationReport r = new Verifier(c, new VerifyOptions(Optional.of(World.CLOSED),
        SessionOptions.DEFAULT)).verify(sets);
    return r.results().get(0).verdict();
  }

  @Test
  void oneLivePod_hasNoPairWithItself(@TempDir Path dir) throws Exception {
    assertEquals(Verdict.VIOLATED, verdict(dir, pod("web-7d4b9c-aaaaa", "10.1.0.5")),
        "the only replica at its only address is one pod: no allowed pair exists");
  }

  @Test
  void twoLivePods_areTwoEndpoints(@TempDir Path dir) throws Exception {
    assertTrue(verdict(dir, pod("web-7d4b9c-aaaaa", "10.1.0.5") + pod("web-7d4b9c-bbbbb", "10.1.0.6"))
        == Verdict.PROVEN, "two replicas reach each other (no policy isolates them)");
  }
}
