package dev.npv.cli;

import static dev.npv.cli.CliEndToEndTest.npv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.cli.CliEndToEndTest.Run;
import dev.npv.kube.FakeApiServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cluster}: every manifest-reading command against a real HTTP mock API server. */
class ClusterCommandTest {
  private static final Path SEED = Path.of(CliEndToEndTest.SEED);
  private static final String LIVE = "../verifier-kube/src/test/resources/live/cluster.yaml";

  @TempDir
  Path tmp;

  private FakeApiServer server;
  private String kubeconfig;

  @BeforeEach
  void seedCluster() throws Exception {
    server = FakeApiServer.withAdminPolicies().createFile(SEED.resolve("cluster.yaml"))
        .createFile(SEED.resolve("policies.yaml"));
    kubeconfig = server.writeKubeconfig(tmp, "prod").toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void check_liveClusterGetsTheVerdictsOfItsManifests() {
    Run files = npv("check", "--no-timings", "--spec", CliEndToEndTest.SEED_SPEC, SEED.toString());
    Run live = npv("check", "--no-timings", "--spec", CliEndToEndTest.SEED_SPEC, "--cluster", "--kubeconfig",
        kubeconfig);
    assertEquals(ExitCodes.OK, live.exit(), live.out() + live.err());
    assertEquals(files.out(), live.out());
    assertTrue(live.out().contains("6 invariants: 5 proven, 1 violated, 0 unknown; all as expected"), live.out());
  }

  @Test
  void connectivityReachAndExplain_sameAnswersAsTheFiles() {
    assertEquals(npv("connectivity", SEED.toString()).out(),
        npv("connectivity", "--cluster", "--kubeconfig", kubeconfig).out());
    Run reach = npv("reach", "--from", "shop/frontend", "--to", "myapp/backend", "--port", "5555/TCP",
        "--cluster", "--kubeconfig", kubeconfig);
    assertEquals(npv("reach", "--from", "shop/frontend", "--to", "myapp/backend", "--port", "5555/TCP",
        SEED.toString()).exit(), reach.exit(), reach.out() + reach.err());
    Run explain = npv("explain", "--from", "shop/frontend", "--to", "myapp/backend", "--port", "5555/TCP",
        "--cluster", "--kubeconfig", kubeconfig);
    assertEquals(1, explain.exit(), explain.out() + explain.err()); // denied, as for the files
    assertTrue(explain.out().contains("shop/frontend -> myapp/backend TCP/5555: DENIED"), explain.out());
    // locations name the object in the cluster, not a line of a file
    assertTrue(explain.out().contains("policy myapp/allow-frontend (cluster:prod/NetworkPolicy/myapp/allow-frontend)"),
        explain.out());
  }

  @Test
  void lint_findingsAreLocatedInTheCluster() {
    Run lint = npv("lint", "--fail-on", "none", "--cluster", "--context", "prod", "--kubeconfig", kubeconfig);
    assertEquals(ExitCodes.OK, lint.exit(), lint.out() + lint.err());
    assertTrue(lint.out().contains("cluster:prod/NetworkPolicy/myapp/default-ingress: warning: policy"
        + " myapp/default-ingress is redundant"), lint.out());
  }

  @Test
  void oneNamespace() {
    Run r = npv("connectivity", "--cluster", "--kubeconfig", kubeconfig, "-n", "shop");
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("shop/frontend"), r.out());
    assertFalse(r.out().contains("myapp/"), r.out());
  }

  @Test
  void diff_liveClusterAgainstAChange() throws Exception {
    Path head = Files.createDirectory(tmp.resolve("head"));
    Files.copy(SEED.resolve("cluster.yaml"), head.resolve("cluster.yaml"));
    Files.copy(SEED.resolve("policies.yaml"), head.resolve("policies.yaml"));
    Run same = npv("diff", "--fail-on", "changed", "--cluster", "--kubeconfig", kubeconfig, head.toString());
    assertEquals(ExitCodes.OK, same.exit(), same.out() + same.err());
    // HEAD drops the ingress policies: applying it would open the backend
    Files.delete(head.resolve("policies.yaml"));
    Run opened = npv("diff", "--fail-on", "opened", "--cluster", "--kubeconfig", kubeconfig, head.toString());
    assertEquals(ExitCodes.VIOLATED, opened.exit(), opened.out() + opened.err());
    assertTrue(opened.out().contains("myapp/backend"), opened.out());
  }

  @Test
  void forbiddenList_exit3AndNoResult() {
    server.forbid("/apis/networking.k8s.io/v1/networkpolicies", "networkpolicies.networking.k8s.io");
    Run r = npv("check", "--spec", CliEndToEndTest.SEED_SPEC, "--cluster", "--kubeconfig", kubeconfig);
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.out() + r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("cluster:prod/NetworkPolicy: error: forbidden to list networkpolicies.networking.k8s.io"
        + " in all namespaces (HTTP 403"), r.err());
    assertTrue(r.err().contains("[NPV-E-CLUSTER-FORBIDDEN]"), r.err());
    Run lint = npv("lint", "--cluster", "--kubeconfig", kubeconfig);
    assertEquals(ExitCodes.INVALID_INPUT, lint.exit(), lint.out() + lint.err());
    assertEquals("", lint.out());
    assertEquals(1, lint.err().split("NPV-E-CLUSTER-FORBIDDEN", -1).length - 1, lint.err()); // said once
  }

  @Test
  void silentServer_exit3WithTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String config = FakeApiServer.writeKubeconfig(tmp, "stuck", "http://127.0.0.1:" + silent.getLocalPort())
          .toString();
      Run r = npv("connectivity", "--cluster", "--kubeconfig", config, "--cluster-timeout", "200");
      assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.out() + r.err());
      assertEquals("", r.out());
      assertTrue(r.err().contains("no answer from the API server http://127.0.0.1:" + silent.getLocalPort()
          + "/ within 200 ms") || r.err().contains("within 200 ms"), r.err());
      assertTrue(r.err().contains("[NPV-E-CLUSTER-TIMEOUT]"), r.err());
    }
  }

  @Test
  void missingKubeconfig_exit3() {
    Run r = npv("connectivity", "--cluster", "--kubeconfig", tmp.resolve("nope").toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains("no such file [NPV-E-CLUSTER-CONFIG]"), r.err());
  }

  @Test
  void pathAndClusterTogether_orNeither_areUsageErrors() {
    assertEquals(ExitCodes.USAGE, npv("connectivity", "--cluster", "--kubeconfig", kubeconfig, SEED.toString()).exit());
    assertEquals(ExitCodes.USAGE, npv("connectivity").exit());
    Run r = npv("connectivity", "--context", "prod", SEED.toString());
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("--context and --kubeconfig need --cluster"), r.err());
    assertEquals(ExitCodes.USAGE, npv("diff", "--cluster", "--kubeconfig", kubeconfig, "a", "b").exit());
  }

  @Test
  void verboseNamesWhatWasNotServed() throws Exception {
    try (FakeApiServer bare = FakeApiServer.builtInOnly().createFile(Path.of(LIVE.replace("cluster.yaml", "")
        + "../../../../../specs/examples/seed/cluster.yaml").normalize())) {
      Run r = npv("connectivity", "-v", "--cluster", "--kubeconfig", bare.writeKubeconfig(tmp, "bare").toString());
      assertEquals(ExitCodes.OK, r.exit(), r.err());
      assertTrue(r.err().contains("cluster:bare/AdminNetworkPolicy: note: this cluster does not serve"
          + " AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1): skipped"), r.err());
    }
  }
}
