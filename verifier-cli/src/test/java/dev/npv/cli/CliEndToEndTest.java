package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Runs the CLI in-process as a user would, asserting output and exit codes. */
class CliEndToEndTest {
  static final String SEED = "../specs/examples/seed";
  static final String SEED_SPEC = SEED + "/invariants.yaml";

  record Run(int exit, String out, String err) {
  }

  static Run npv(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void check_seedGetsEveryRecordedVerdict_exit0() {
    Run r = npv("check", "--spec", SEED_SPEC, SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("VIOLATED  backend-only-from-namespace-myapp"), r.out());
    assertTrue(r.out().contains("a new pod labelled app=frontend in a new namespace"), r.out());
    assertTrue(r.out().contains("allowed by myapp/allow-frontend ingress rule 0"), r.out());
    assertTrue(r.out().contains("6 invariants: 5 proven, 1 violated, 0 unknown; all as expected"), r.out());
  }

  @Test
  void checkExplain_namesEachProofsBasisAndSaysWhatItGuarantees() {
    Run r = npv("check", "--explain", "--no-timings", "--spec", SEED_SPEC, SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("PROVEN    frontend-reaches-backend                0 ms  (expected PROVEN)\n"
        + "    rests on: myapp/allow-frontend, myapp/allow-frontend ingress rule 0\n"), r.out());
    assertTrue(r.out().contains("\nrests on: each proof holds in every cluster that keeps the policies and rules it "
        + "names, whichever of the other loaded policies and rules are removed; a policy or rule that is added or "
        + "changed can still break it\n6 invariants: "), r.out());
  }

  @Test
  void check_closedWorldOverride_usesThatWorldsRecordedVerdict(@TempDir Path dir) throws Exception {
    Run r = npv("check", "--world", "closed", "--spec", SEED_SPEC, SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("PROVEN    backend-only-from-namespace-myapp"), r.out());
    // A single recorded verdict applies in every world, so the closed world now mismatches it.
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, Files.readString(Path.of(SEED_SPEC))
        .replace("expectedVerdict: {open: VIOLATED, closed: PROVEN}", "expectedVerdict: VIOLATED"));
    Run mismatch = npv("check", "--world", "closed", "--spec", spec.toString(), SEED);
    assertEquals(ExitCodes.VIOLATED, mismatch.exit(), mismatch.out() + mismatch.err());
    assertTrue(mismatch.out().contains("(expected VIOLATED: MISMATCH)"), mismatch.out());
  }

  @Test
  void check_json_hasTheDocumentedShape() throws Exception {
    Run r = npv("check", "--format", "json", "--spec", SEED_SPEC, SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode results = root.get("results");
    assertEquals(6, results.size());
    JsonNode violated = results.get(3);
    assertEquals("backend-only-from-namespace-myapp", violated.get("name").asText());
    assertEquals("VIOLATED", violated.get("verdict").asText());
    JsonNode cex = violated.get("counterexample");
    assertEquals("TCP", cex.get("protocol").asText());
    assertEquals(5555, cex.get("port").asInt());
    assertEquals("hypotheticalPod", cex.get("source").get("kind").asText());
    assertEquals("myapp/backend", cex.get("destination").get("workload").asText());
    assertTrue(root.get("diagnostics").isArray());
  }

  @Test
  void check_specThatIsViolatedWithoutExpectation_exit1(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, String.join("\n",
        "apiVersion: npv.dev/v1alpha1",
        "kind: InvariantSet",
        "metadata: {name: t}",
        "spec:",
        "  invariants:",
        "  - name: shop-isolated",
        "    expect: deny",
        "    to: {namespace: shop}",
        ""));
    Run r = npv("check", "--spec", spec.toString(), SEED);
    assertEquals(ExitCodes.VIOLATED, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("VIOLATED  shop-isolated"), r.out());
  }

  @Test
  void check_twoFormatOutputPairsInOneRun_writeBothFiles(@TempDir Path dir) throws Exception {
    Path xml = dir.resolve("r.xml");
    Path md = dir.resolve("r.md");
    Run r = npv("check", "--spec", SEED_SPEC, "--format", "junit", "--output", xml.toString(),
        "--format", "markdown", "--output", md.toString(), SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertEquals("", r.out(), "both reports went to their files");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(xml.toFile());
    assertEquals("6", doc.getDocumentElement().getAttribute("tests"));
    assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(6, cases.getLength());
    assertEquals("myapp-backend", ((Element) cases.item(3)).getAttribute("classname"));
    assertEquals("backend-only-from-namespace-myapp", ((Element) cases.item(3)).getAttribute("name"));
    String markdown = Files.readString(md);
    assertTrue(markdown.startsWith("## npv check: all as expected"), markdown);
    assertTrue(markdown.contains("| ✅ | VIOLATED | `backend-only-from-namespace-myapp` | myapp-backend | VIOLATED |"),
        markdown);
    assertTrue(markdown.contains("**Counterexample:** allowed connection TCP 5555"), markdown);
    assertTrue(markdown.contains("`../specs/examples/seed/policies.yaml:27:5`: myapp/allow-frontend ingress rule 0"),
        markdown);
  }

  @Test
  void check_outputBeforeFormat_andOneFormatOnStdout(@TempDir Path dir) throws Exception {
    Path sarif = dir.resolve("r.sarif");
    Run r = npv("check", "--no-timings", "--spec", SEED_SPEC, "-o", sarif.toString(), "--format", "sarif",
        "--format", "json", SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertEquals("2.1.0", new ObjectMapper().readTree(sarif.toFile()).get("version").asText());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(0, json.get("results").get(0).get("durationMs").asInt());
  }

  @Test
  void check_badFormatOutputCombinations_exit2(@TempDir Path dir) {
    String out = dir.resolve("r").toString();
    Run twoOnStdout = npv("check", "--spec", SEED_SPEC, "--format", "junit", "--format", "sarif", SEED);
    assertEquals(ExitCodes.USAGE, twoOnStdout.exit());
    assertTrue(twoOnStdout.err().contains("only one --format can go to stdout"), twoOnStdout.err());
    assertEquals(ExitCodes.USAGE, npv("check", "--spec", SEED_SPEC, "--format", "yaml", SEED).exit());
    assertEquals(ExitCodes.USAGE, npv("check", "--spec", SEED_SPEC, "--format", "json", "-o", out,
        "--format", "sarif", "-o", out, SEED).exit());
  }

  @Test
  void invalidManifest_reportsEveryErrorWithFileLineColumn_exit3() {
    String bad = Path.of("src/test/resources/cli/bad-policy.yaml").toString();
    Run r = npv("connectivity", bad);
    assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    assertTrue(r.err().contains(bad + ":15:7: error: unknown field 'ports' in NetworkPolicyPeer"), r.err());
    assertTrue(r.err().contains(bad + ":21:13: error:"), r.err());
    assertTrue(r.err().contains("[NPV-E-DUPLICATE-OBJECT]"), r.err());
    assertTrue(r.err().contains("          ^"), "caret under the column: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void usageError_exit2() {
    assertEquals(ExitCodes.USAGE, npv("check", SEED).exit()); // --spec is required
    assertEquals(ExitCodes.USAGE, npv("nonsense").exit());
    assertEquals(ExitCodes.USAGE, npv("check", "--world", "sideways", "--spec", SEED_SPEC, SEED).exit());
  }

  @Test
  void help_listsExitCodes() {
    Run r = npv("check", "--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("3  invalid input"), r.out());
  }

  @Test
  void connectivity_json_listsFrontendToBackendOnTcp5555() throws Exception {
    Run r = npv("connectivity", "--format", "json", SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    JsonNode conns = new ObjectMapper().readTree(r.out()).get("connections");
    List<String> toBackend = new ArrayList<>();
    conns.forEach(c -> {
      if (c.get("dst").asText().equals("myapp/backend")) {
        toBackend.add(c.get("src").asText() + " " + c.get("protocol").asText() + " " + c.get("ports").asText());
      }
    });
    assertEquals(List.of("myapp/frontend TCP 5555"), toBackend);
  }

  @Test
  void connectivity_readsStdin() throws Exception {
    String yaml = Files.readString(Path.of(SEED, "cluster.yaml")) + "\n---\n" + Files.readString(Path.of(SEED, "policies.yaml"));
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
      Run r = npv("connectivity", "-");
      assertEquals(ExitCodes.OK, r.exit(), r.err());
      assertTrue(r.out().contains("myapp/frontend (Deployment) -> myapp/backend (Deployment): TCP 5555"), r.out());
      assertFalse(r.out().contains("shop/frontend (Deployment) -> myapp/backend"), r.out());
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void reach_reachableExit0_unreachableExit1() {
    Run yes = npv("reach", "--from", "ns:project=myApp", "--from", "app=frontend", "--to", "myapp/backend", SEED);
    assertEquals(ExitCodes.OK, yes.exit(), yes.out() + yes.err());
    assertTrue(yes.out().startsWith("REACHABLE"), yes.out());
    Run no = npv("reach", "--from", "ns:project=shop", "--to", "myapp/backend", "--port", "5555/TCP", SEED);
    assertEquals(ExitCodes.VIOLATED, no.exit(), no.out() + no.err());
    assertTrue(no.out().startsWith("UNREACHABLE: proven"), no.out());
  }

  @Test
  void solverResourceLimit_givesUnknownNeverAWrongVerdict_exit4() {
    Run limited = npv("check", "--rlimit", "1", "--format", "json", "--spec", SEED_SPEC, SEED);
    Run full = npv("check", "--format", "json", "--spec", SEED_SPEC, SEED);
    assertEquals(ExitCodes.UNKNOWN, limited.exit(), limited.out() + limited.err());
    List<String> limitedVerdicts = verdicts(limited.out());
    List<String> fullVerdicts = verdicts(full.out());
    assertTrue(limitedVerdicts.contains("UNKNOWN"), limitedVerdicts.toString());
    for (int i = 0; i < fullVerdicts.size(); i++) {
      // A query Z3 settles without spending resources may still be decided; it must then agree.
      if (!limitedVerdicts.get(i).equals("UNKNOWN")) {
        assertEquals(fullVerdicts.get(i), limitedVerdicts.get(i), "invariant " + i);
      }
    }
  }

  private static List<String> verdicts(String json) {
    try {
      List<String> out = new ArrayList<>();
      new ObjectMapper().readTree(json).get("results").forEach(r -> out.add(r.get("verdict").asText()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void dumpSmt_writesOneSmtLibFilePerQuery(@TempDir Path dir) throws Exception {
    Run r = npv("check", "--dump-smt", dir.toString(), "--spec", SEED_SPEC, SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    try (var files = Files.list(dir)) {
      List<Path> dumps = files.toList();
      assertTrue(dumps.size() >= 6, dumps.toString());
      String first = Files.readString(dir.resolve("query-1.smt2"));
      assertTrue(first.contains("(declare-fun src.ns () Int)"), first.substring(0, Math.min(400, first.length())));
      assertTrue(first.contains("(check-sat)"));
    }
  }

  @Test
  void stats_printsPerInvariantFiguresOnStderrOnly() {
    Run r = npv("check", "--stats", "--spec", SEED_SPEC, SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.err());
    List<String> rows = r.err().lines().filter(l -> l.startsWith("backend-") || l.startsWith("total")).toList();
    assertEquals(4, rows.size(), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("backend-only-from-namespace-myapp\\s+VIOLATED\\s+\\d+\\s+\\d+")),
        r.err());
    assertFalse(r.out().contains("rlimit"), "figures never go into the report: " + r.out());
  }
}
