package dev.npv.cli;

import static dev.npv.cli.CliEndToEndTest.npv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.cli.CliEndToEndTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI side of issue 12 items 3 and 4: --pod-cidr, and explain at the address a counterexample names. */
class AddressOptionsCliTest {
  /** web may open anything but 10.0.0.0/8; worker's address is not given (a template, no live pod). */
  private static final String EGRESS = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: t}
      spec:
        selector: {matchLabels: {app: web}}
        template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: i}]}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: worker, namespace: t}
      spec:
        selector: {matchLabels: {app: worker}}
        template: {metadata: {labels: {app: worker}}, spec: {containers: [{name: c, image: i}]}}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-out, namespace: t}
      spec:
        podSelector: {matchLabels: {app: web}}
        policyTypes: [Egress]
        egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]
      """;

  private static final String WEB_CLOSED_TO_PODS = """
      apiVersion: npv.dev/v1alpha1
      kind: InvariantSet
      metadata: {name: s}
      spec:
        world: closed
        invariants:
          - name: web-egress-closed-to-pods
            expect: deny
            from: {workload: t/web}
            to: {namespace: t}
      """;

  /** api is a live Pod at 10.1.0.7; batch a Deployment of unknown address; db admits 10.1.0.0/24. */
  private static final String STAND_IN = """
      apiVersion: v1
      kind: Pod
      metadata: {name: api, namespace: t, labels: {app: api}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.7}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: t, labels: {app: db}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.9}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: batch, namespace: t}
      spec:
        selector: {matchLabels: {app: batch}}
        template: {metadata: {labels: {app: batch}}, spec: {containers: [{name: c, image: i}]}}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-from-block, namespace: t}
      spec:
        podSelector: {matchLabels: {app: db}}
        ingress: [{from: [{ipBlock: {cidr: 10.1.0.0/24}}]}]
      """;

  @Test
  void check_exceptThePodNetwork_isViolatedWithoutPodCidr_andProvenWithIt(@TempDir Path dir) throws Exception {
    Path manifests = Files.writeString(dir.resolve("m.yaml"), EGRESS);
    Path spec = Files.writeString(dir.resolve("s.yaml"), WEB_CLOSED_TO_PODS);
    Run without = npv("check", "--spec", spec.toString(), manifests.toString());
    assertEquals(ExitCodes.VIOLATED, without.exit(), without.out() + without.err());
    assertTrue(without.out().contains("VIOLATED"), without.out());
    // The worker's address is npv's choice, outside 10.0.0.0/8, and said to be one.
    assertTrue(without.out().contains("address not given by the manifests"), without.out());
    Run with = npv("check", "--pod-cidr", "10.244.0.0/16", "--spec", spec.toString(), manifests.toString());
    assertEquals(ExitCodes.OK, with.exit(), with.out() + with.err());
    assertTrue(with.out().contains("PROVEN    web-egress-closed-to-pods"), with.out());
  }

  @Test
  void check_podCidrOutsideTheExceptedBlock_staysViolated(@TempDir Path dir) throws Exception {
    Path manifests = Files.writeString(dir.resolve("m.yaml"), EGRESS);
    Path spec = Files.writeString(dir.resolve("s.yaml"), WEB_CLOSED_TO_PODS);
    Run r = npv("check", "--pod-cidr", "100.64.0.0/16", "--spec", spec.toString(), manifests.toString());
    assertEquals(ExitCodes.VIOLATED, r.exit(), r.out() + r.err());
  }

  @Test
  void malformedPodCidr_isAUsageError(@TempDir Path dir) throws Exception {
    Path manifests = Files.writeString(dir.resolve("m.yaml"), EGRESS);
    Path spec = Files.writeString(dir.resolve("s.yaml"), WEB_CLOSED_TO_PODS);
    for (String bad : new String[] {"10.244.0.0", "10.244.0.0/33", "pods"}) {
      Run r = npv("check", "--pod-cidr", bad, "--spec", spec.toString(), manifests.toString());
      assertEquals(ExitCodes.USAGE, r.exit(), bad + ": " + r.out() + r.err());
      assertTrue(r.err().contains("--pod-cidr needs a CIDR such as 10.244.0.0/16, not '" + bad + "'"), r.err());
    }
  }

  @Test
  void explain_atAnAddress_givesTheVerdictForThatAddress(@TempDir Path dir) throws Exception {
    Path manifests = Files.writeString(dir.resolve("m.yaml"), STAND_IN);
    Run inside = npv("explain", "--from", "t/batch@10.1.0.50", "--to", "t/db", "--port", "5432/TCP",
        manifests.toString());
    assertEquals(ExitCodes.OK, inside.exit(), inside.out() + inside.err());
    assertTrue(inside.out().contains("ALLOWED"), inside.out());
    Run outside = npv("explain", "--from", "t/batch@10.2.0.1", "--to", "t/db", "--port", "5432/TCP",
        manifests.toString());
    assertEquals(ExitCodes.VIOLATED, outside.exit(), outside.out() + outside.err());
    assertTrue(outside.out().contains("DENIED"), outside.out());
  }

  @Test
  void explain_atAnAddressTheManifestsDoNotGiveThePod_isAClearError(@TempDir Path dir) throws Exception {
    Path manifests = Files.writeString(dir.resolve("m.yaml"), STAND_IN);
    Run notItsOwn = npv("explain", "--from", "t/api@10.1.0.8", "--to", "t/db", "--port", "5432/TCP",
        manifests.toString());
    assertEquals(ExitCodes.USAGE, notItsOwn.exit(), notItsOwn.out() + notItsOwn.err());
    assertTrue(notItsOwn.err().contains("--from: t/api has the addresses [10.1.0.7] in the manifests, not 10.1.0.8"),
        notItsOwn.err());
    Run anothersAddress = npv("explain", "--from", "t/batch@10.1.0.7", "--to", "t/db", "--port", "5432/TCP",
        manifests.toString());
    assertEquals(ExitCodes.USAGE, anothersAddress.exit(), anothersAddress.out() + anothersAddress.err());
    assertTrue(anothersAddress.err().contains("10.1.0.7 is held by another pod or node"), anothersAddress.err());
  }

  /** A rollout of StatefulSet t/web: two groups (version v1, v2) of one name; db admits v2 only. */
  private static final String ROLLOUT = """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-0
        namespace: t
        labels: {app: web, version: v1}
        ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web, uid: u1, controller: true}]
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.20}
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-1
        namespace: t
        labels: {app: web, version: v2}
        ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: web, uid: u1, controller: true}]
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.21}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: t, labels: {app: db}}
      spec: {containers: [{name: c, image: i}]}
      status: {podIP: 10.1.0.9}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-from-v2, namespace: t}
      spec:
        podSelector: {matchLabels: {app: db}}
        ingress: [{from: [{podSelector: {matchLabels: {version: v2}}}]}]
      """;

  @Test
  void explain_atAnAddress_takesTheRolloutGroupThatHoldsIt(@TempDir Path dir) throws Exception {
    Path manifests = Files.writeString(dir.resolve("m.yaml"), ROLLOUT);
    Run v2 = npv("explain", "--from", "t/web@10.1.0.21", "--to", "t/db", "--port", "80/TCP", manifests.toString());
    assertEquals(ExitCodes.OK, v2.exit(), v2.out() + v2.err());
    Run v1 = npv("explain", "--from", "t/web@10.1.0.20", "--to", "t/db", "--port", "80/TCP", manifests.toString());
    assertEquals(ExitCodes.VIOLATED, v1.exit(), v1.out() + v1.err());
    assertTrue(v1.out().contains("DENIED"), v1.out());
  }

  @Test
  void explain_aNewPodOfAController_mayHaveAnAddressNoPodHolds(@TempDir Path dir) throws Exception {
    // An open-world counterexample names a new pod of t/web at an address its status does not list.
    Path manifests = Files.writeString(dir.resolve("m.yaml"), ROLLOUT);
    Run fresh = npv("explain", "--from", "t/web@10.1.0.30", "--to", "t/db", "--port", "80/TCP", manifests.toString());
    assertEquals(ExitCodes.VIOLATED, fresh.exit(), fresh.out() + fresh.err()); // the first group, v1
    Run taken = npv("explain", "--from", "t/web@10.1.0.9", "--to", "t/db", "--port", "80/TCP", manifests.toString());
    assertEquals(ExitCodes.USAGE, taken.exit(), taken.out() + taken.err());
    assertTrue(taken.err().contains("10.1.0.9 is held by another pod or node"), taken.err());
  }
}
