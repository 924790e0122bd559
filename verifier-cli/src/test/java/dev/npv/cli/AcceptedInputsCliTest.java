package dev.npv.cli;

import static dev.npv.cli.CliEndToEndTest.npv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.cli.CliEndToEndTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI side of issue 12 items 5 and 6 and its "bad input": -n, unrendered folders, unmodelled kinds. */
class AcceptedInputsCliTest {
  private static final String SEED = CliEndToEndTest.SEED;
  private static final String SEED_SPEC = CliEndToEndTest.SEED_SPEC;
  private static final String CILIUM = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: l7, namespace: myapp}
      spec: {endpointSelector: {}}
      """;

  @Test
  void check_unmodelledPolicyInTheInvariantsNamespace_isUnknown_exit4(@TempDir Path dir) throws Exception {
    Path cilium = dir.resolve("cilium.yaml");
    Files.writeString(cilium, CILIUM);
    Run r = npv("check", "--spec", SEED_SPEC, SEED, cilium.toString());
    assertEquals(ExitCodes.UNKNOWN, r.exit(), r.out() + r.err());
    assertFalse(r.out().contains("all as expected"), r.out());
    assertTrue(r.out().contains("CiliumNetworkPolicy myapp/l7"), r.out());
    assertTrue(r.err().contains("NPV-W-UNMODELLED-KIND"), r.err());
  }

  @Test
  void check_ignoringTheKind_givesTheVerdictsWithoutIt_exit0(@TempDir Path dir) throws Exception {
    Path cilium = dir.resolve("cilium.yaml");
    Files.writeString(cilium, CILIUM);
    for (String ignore : new String[] {"CiliumNetworkPolicy", "all", "GlobalNetworkPolicy,CiliumNetworkPolicy"}) {
      Run r = npv("check", "--ignore-unmodelled", ignore, "--spec", SEED_SPEC, SEED, cilium.toString());
      assertEquals(ExitCodes.OK, r.exit(), ignore + ": " + r.out() + r.err());
      assertTrue(r.out().contains("all as expected"), r.out());
      assertTrue(r.err().contains("ignored as asked"), r.err());
    }
  }

  @Test
  void check_unmodelledPolicyInAnotherNamespace_leavesInvariantsThatCannotReachIt(@TempDir Path dir) throws Exception {
    Path cilium = dir.resolve("cilium.yaml");
    Files.writeString(cilium, CILIUM.replace("namespace: myapp", "namespace: shop"));
    Run shop = npv("check", "--world", "closed", "--spec", SEED_SPEC, SEED, cilium.toString());
    assertEquals(ExitCodes.UNKNOWN, shop.exit(), shop.out() + shop.err());
    // Sources in any namespace but project=myApp ones may be shop's pods; project=myApp ones may not.
    assertTrue(shop.out().contains("UNKNOWN   backend-closed-to-other-projects"), shop.out());
    assertTrue(shop.out().contains("UNKNOWN   shop-frontend-cannot-reach-backend"), shop.out());
    assertTrue(shop.out().contains("PROVEN    frontend-reaches-backend"), shop.out());
    // In the closed world a namespace without workloads has no pod for the policy to select.
    Files.writeString(cilium, CILIUM.replace("namespace: myapp", "namespace: unrelated"));
    Run closed = npv("check", "--world", "closed", "--spec", SEED_SPEC, SEED, cilium.toString());
    assertEquals(ExitCodes.OK, closed.exit(), closed.out() + closed.err());
    Run open = npv("check", "--spec", SEED_SPEC, SEED, cilium.toString());
    assertEquals(ExitCodes.UNKNOWN, open.exit(), open.out() + open.err());
  }

  @Test
  void reach_withUnmodelledClusterWidePolicy_isNotAPass(@TempDir Path dir) throws Exception {
    Path ccnp = dir.resolve("ccnp.yaml");
    Files.writeString(ccnp, "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: x}\n");
    Run r = npv("reach", "--from", "myapp/frontend", "--to", "myapp/backend", "--port", "5555", SEED, ccnp.toString());
    assertEquals(ExitCodes.UNKNOWN, r.exit(), r.out() + r.err());
  }

  @Test
  void diff_failOnOpened_withUnmodelledPolicyInHead_isUnknown_exit4(@TempDir Path dir) throws Exception {
    Path head = Files.createDirectories(dir.resolve("head"));
    for (String f : new String[] {"cluster.yaml", "policies.yaml"}) {
      Files.copy(Path.of(SEED, f), head.resolve(f));
    }
    Run same = npv("diff", "--fail-on", "opened", SEED, head.toString());
    assertEquals(ExitCodes.OK, same.exit(), same.out() + same.err());
    Files.writeString(head.resolve("cilium.yaml"), CILIUM);
    Run r = npv("diff", "--fail-on", "opened", SEED, head.toString());
    assertEquals(ExitCodes.UNKNOWN, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("UNKNOWN (policies npv does not model"), r.out());
    Run ignored = npv("diff", "--fail-on", "opened", "--ignore-unmodelled", "CiliumNetworkPolicy", SEED, head.toString());
    assertEquals(ExitCodes.OK, ignored.exit(), ignored.out() + ignored.err());
  }

  @Test
  void explainAndConnectivity_withAnUnmodelledPolicyThatCouldChangeThem_areUnknown_exit4(@TempDir Path dir)
      throws Exception {
    Path cilium = dir.resolve("cilium.yaml");
    Files.writeString(cilium, CILIUM);
    String[] explain = {"explain", "--from", "shop/frontend", "--to", "myapp/backend", "--port", "5555/TCP", SEED,
        cilium.toString()};
    Run e = npv(explain);
    assertEquals(ExitCodes.UNKNOWN, e.exit(), e.out() + e.err());
    assertTrue(e.err().contains("of kinds npv does not model could change this answer"), e.err());
    Run c = npv("connectivity", SEED, cilium.toString());
    assertEquals(ExitCodes.UNKNOWN, c.exit(), c.err());
    // The policy's namespace holds neither end: explain's answer stands (denied, exit 1), as without it.
    Files.writeString(cilium, CILIUM.replace("namespace: myapp", "namespace: unrelated"));
    assertEquals(ExitCodes.VIOLATED, npv(explain).exit());
    // Ignoring the kind decides without it.
    assertEquals(ExitCodes.OK, npv("connectivity", "--ignore-unmodelled", "CiliumNetworkPolicy", SEED,
        cilium.toString()).exit());
  }

  @Test
  void namespaceOption_placesObjectsThatGiveNone(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.yaml");
    Files.writeString(m, "apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\n"
        + "status: {podIP: 10.0.0.1}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        + "metadata: {name: deny}\n");
    Run shop = npv("connectivity", "-n", "shop", m.toString());
    assertEquals(ExitCodes.OK, shop.exit(), shop.out() + shop.err());
    assertTrue(shop.out().contains("shop/web"), shop.out());
    assertFalse(shop.out().contains("default/web"), shop.out());
    Run dflt = npv("connectivity", "-v", m.toString());
    assertTrue(dflt.out().contains("default/web"), dflt.out());
    assertTrue(dflt.err().contains("NPV-N-DEFAULT-NAMESPACE"), dflt.err());
    Run bad = npv("connectivity", "--namespace", "Not_A_Namespace", m.toString());
    assertEquals(ExitCodes.USAGE, bad.exit(), bad.out() + bad.err());
  }

  @Test
  void kustomizationFolder_isRefusedWithTheRenderCommand_exit3(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: [pod.yaml]\n");
    Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
    Run r = npv("lint", dir.toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("kubectl kustomize " + dir + " | npv … -"), r.err());
    assertTrue(r.err().contains(dir.resolve("kustomization.yaml") + ":1:1"), r.err());
  }
}
