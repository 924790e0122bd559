package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code npv diff} over manifest pairs that open, close and keep traffic, asserting witnesses. */
class DiffCommandTest {
  static final Path SEED = Path.of("../specs/examples/seed");
  static final String INTENDED = "src/test/resources/diff/intended.yaml";

  @TempDir
  Path dir;
  Path base;
  Path head;

  record Run(int exit, String out, String err) {
  }

  static Run npv(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeEach
  void copySeed() throws IOException {
    base = dir.resolve("base");
    head = dir.resolve("head");
    for (Path p : List.of(base, head)) {
      Files.createDirectories(p);
      for (String f : List.of("cluster.yaml", "policies.yaml")) {
        Files.copy(SEED.resolve(f), p.resolve(f));
      }
    }
  }

  private void edit(String file, String from, String to) throws IOException {
    Path p = head.resolve(file);
    String text = Files.readString(p);
    assertTrue(text.contains(from), from);
    Files.writeString(p, text.replace(from, to));
  }

  private static JsonNode json(Run r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void relabelledNamespace_opensTrafficWithAWitness_failOnOpenedExits1() throws Exception {
    edit("cluster.yaml", "    project: shop", "    project: myApp");
    Run r = npv("diff", "--format", "json", "--fail-on", "opened", base.toString(), head.toString());
    assertEquals(ExitCodes.VIOLATED, r.exit(), r.out() + r.err());
    JsonNode root = json(r);
    JsonNode opened = root.get("findings").get(0);
    assertEquals("opened", opened.get("direction").asText());
    assertEquals("FOUND", opened.get("status").asText());
    assertEquals("TCP", opened.get("witness").get("protocol").asText());
    assertEquals(5555, opened.get("witness").get("port").asInt());
    assertTrue(opened.get("witness").get("destination").asText().startsWith("myapp/backend"), opened.toString());
    assertTrue(opened.get("witness").get("head").toString().contains("allowed by myapp/allow-frontend ingress rule 0"));
    assertTrue(opened.get("witness").get("base").toString().contains("no rule matches"));
    assertEquals("NONE", root.get("findings").get(1).get("status").asText(), "nothing closed");
    JsonNode change = root.get("connectionChanges").get(0);
    assertEquals("shop/frontend", change.get("src").asText());
    assertEquals("added", change.get("change").asText());
  }

  @Test
  void droppedRule_closesTrafficOnly() throws Exception {
    edit("policies.yaml", "      port: 5555", "      port: 5556");
    Run r = npv("diff", "--format", "json", "--fail-on", "opened", base.toString(), head.toString());
    JsonNode root = json(r);
    // Opening 5556 is itself a change: both directions are found, and the gate fails on it.
    assertEquals(ExitCodes.VIOLATED, r.exit(), r.out() + r.err());
    assertEquals("FOUND", root.get("findings").get(0).get("status").asText());
    assertEquals(5556, root.get("findings").get(0).get("witness").get("port").asInt());
    assertEquals("FOUND", root.get("findings").get(1).get("status").asText());
    assertEquals(5555, root.get("findings").get(1).get("witness").get("port").asInt());
  }

  @Test
  void removedPolicy_onlyClosesNothing_opensEverything() throws Exception {
    Files.writeString(head.resolve("policies.yaml"), "");
    Run r = npv("diff", "--format", "json", base.toString(), head.toString());
    assertEquals(ExitCodes.OK, r.exit(), "no --fail-on: report only");
    JsonNode root = json(r);
    assertEquals("FOUND", root.get("findings").get(0).get("status").asText());
    assertEquals("NONE", root.get("findings").get(1).get("status").asText());
    assertTrue(root.get("opensTraffic").asBoolean());
  }

  @Test
  void identicalManifests_provenUnchanged_exit0() {
    Run r = npv("diff", "--fail-on", "changed", base.toString(), head.toString());
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("opened (HEAD allows, BASE denies): none (proven)"), r.out());
    assertTrue(r.out().contains("closed (BASE allows, HEAD denies): none (proven)"), r.out());
    assertTrue(r.out().contains("Connections between known endpoints: unchanged"), r.out());
  }

  @Test
  void intendedDelta_provenWhenOnlyItChanges_collateralOtherwise() throws Exception {
    edit("cluster.yaml", "    project: shop", "    project: myApp");
    Run ok = npv("diff", "--world", "closed", "--intended", INTENDED, base.toString(), head.toString());
    assertEquals(ExitCodes.OK, ok.exit(), ok.out() + ok.err());
    assertTrue(ok.out().contains("Intended change only: PROVEN"), ok.out());
    // In the open world the relabel also opens the backend to any new frontend pod in shop... which
    // the intended spec covers too (namespace shop, app=frontend). Now also open metrics: collateral.
    edit("policies.yaml", "      port: 5555", "      port: 5555\n    - protocol: TCP\n      port: 9090");
    Run bad = npv("diff", "--intended", INTENDED, base.toString(), head.toString());
    assertEquals(ExitCodes.VIOLATED, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.out().contains("Intended change only: NOT PROVEN"), bad.out());
    assertTrue(bad.out().contains("FOUND TCP 9090"), bad.out());
  }

  @Test
  void specScope_asksOnlyAboutItsEndpointsAndPorts(@TempDir Path specDir) throws Exception {
    edit("cluster.yaml", "    project: shop", "    project: myApp");
    Path metrics = specDir.resolve("metrics.yaml");
    Files.writeString(metrics, String.join("\n",
        "apiVersion: npv.dev/v1alpha1", "kind: InvariantSet", "metadata: {name: m}", "spec:", "  invariants:",
        "  - name: backend-metrics", "    expect: deny", "    to: {workload: myapp/backend}",
        "    ports: [{protocol: TCP, port: 9090}]", ""));
    Run outside = npv("diff", "--spec", metrics.toString(), "--fail-on", "opened", base.toString(), head.toString());
    assertEquals(ExitCodes.OK, outside.exit(), outside.out() + outside.err());
    assertTrue(outside.out().contains("backend-metrics: opened (HEAD allows, BASE denies): none (proven)"),
        outside.out());
    Files.writeString(metrics, Files.readString(metrics).replace("port: 9090", "port: 5555"));
    Run inside = npv("diff", "--spec", metrics.toString(), "--fail-on", "opened", base.toString(), head.toString());
    assertEquals(ExitCodes.VIOLATED, inside.exit(), inside.out() + inside.err());
    assertTrue(inside.out().contains("backend-metrics: opened (HEAD allows, BASE denies): FOUND TCP 5555"),
        inside.out());
  }

  @Test
  void gitRevisionInput_readsManifestsWithoutCheckout() throws Exception {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("k8s"));
    for (String f : List.of("cluster.yaml", "policies.yaml")) {
      Files.copy(SEED.resolve(f), repo.resolve("k8s").resolve(f));
    }
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
    Files.writeString(repo.resolve("k8s/policies.yaml"), "");
    Run r = npv("diff", "--repository", repo.toString(), "--fail-on", "opened", "git:HEAD:k8s",
        repo.resolve("k8s").toString());
    assertEquals(ExitCodes.VIOLATED, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("opened (HEAD allows, BASE denies): FOUND"), r.out());
    Run bad = npv("diff", "--repository", repo.toString(), "git:nosuchrev:k8s", repo.resolve("k8s").toString());
    assertEquals(ExitCodes.INVALID_INPUT, bad.exit());
    assertFalse(bad.err().contains("Exception"), bad.err());
  }

  private static void git(Path repo, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void dumpSmt_writesEveryQuery_oneFilePerQuestion() throws Exception {
    edit("cluster.yaml", "    project: shop", "    project: myApp");
    Path dumps = dir.resolve("dumps");
    Run r = npv("diff", "--format", "json", "--dump-smt", dumps.toString(), "--spec", SEED + "/invariants.yaml",
        "--intended", INTENDED, base.toString(), head.toString());
    JsonNode root = json(r);
    // One solver question per finding: each scope's opened and closed, and the collateral pair.
    int questions = root.get("findings").size() + root.get("collateral").size();
    assertEquals(2 * 6 + 2, questions, r.out());
    try (var files = Files.list(dumps)) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertEquals(questions, names.size(), names.toString());
      for (int i = 1; i <= questions; i++) {
        String text = Files.readString(dumps.resolve("diff-query-" + i + ".smt2"));
        assertTrue(text.contains("(declare-fun conn.port () (_ BitVec 16))") && text.contains("(check-sat)"),
            text.substring(0, Math.min(300, text.length())));
      }
    }
  }

  /** A solver that cannot decide (a resource limit of 1) is never "nothing opened": exit 4, not 0. */
  @Test
  void undecided_exits4_neverAPass() throws Exception {
    Run r = npv("diff", "--rlimit", "1", "--fail-on", "opened", base.toString(), head.toString());
    assertEquals(ExitCodes.UNKNOWN, r.exit(), r.out() + r.err());
    Run intended = npv("diff", "--rlimit", "1", "--intended", INTENDED, base.toString(), head.toString());
    assertEquals(ExitCodes.UNKNOWN, intended.exit(), intended.out() + intended.err());
    assertEquals(ExitCodes.OK, npv("diff", "--fail-on", "opened", base.toString(), head.toString()).exit(),
        "decided, the same versions open nothing");
  }
}
