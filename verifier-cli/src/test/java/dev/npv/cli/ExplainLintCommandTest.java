package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.npv.testutil.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code npv explain} and {@code npv lint} end to end: exit codes, formats, golden reports. */
class ExplainLintCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SEED = "../specs/examples/seed";
  static final String SHOP = "../specs/examples/shop";
  static final String FIXTURES = "../verifier-core/src/test/resources/lint/";

  static CliEndToEndTest.Run npv(String... args) {
    return CliEndToEndTest.npv(args);
  }

  // ---- explain ------------------------------------------------------------------------------

  @Test
  void explain_denied_exit1_withTheReason() {
    var r = npv("explain", "--from", "shop/frontend", "--to", "myapp/backend", "--port", "5555/TCP", SEED);
    assertEquals(ExitCodes.VIOLATED, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("shop/frontend -> myapp/backend TCP/5555: DENIED"), r.out());
    assertTrue(r.out().contains("namespaceSelector project=myApp does not match namespace shop (project=shop)"), r.out());
  }

  @Test
  void explain_allowed_exit0_hypotheticalPod_json() throws Exception {
    var r = npv("explain", "--from", "ns:project=myApp/pod:app=frontend", "--to", "myapp/backend", "--port", "5555",
        "--format", "json", SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    JsonNode j = JSON.readTree(r.out());
    assertTrue(j.get("allowed").asBoolean());
    assertEquals("allowed by myapp/allow-frontend ingress rule 0", j.get("ingress").get("summary").asText());
  }

  @Test
  void explain_namedPortResolvesOnTheDestination() {
    var r = npv("explain", "--from", "myapp/frontend", "--to", "myapp/backend", "--port", "api/TCP", SEED);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("myapp/frontend -> myapp/backend TCP/5555: ALLOWED"), r.out());
  }

  @ParameterizedTest
  @CsvSource({"myapp/nope, 5555/TCP", "'pod:app in (a,b)', 5555/TCP", "myapp/frontend, 80-90/TCP"})
  void explain_badArguments_exit2(String from, String port) {
    var r = npv("explain", "--from", from, "--to", "myapp/backend", "--port", port, SEED);
    assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
    assertTrue(r.err().startsWith("npv: "), r.err());
  }

  // ---- lint ---------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"seed, txt, text", "seed, json, json", "seed, sarif, sarif", "shop, txt, text", "shop, sarif, sarif"})
  void lint_goldenOnTheBundledExamples(String example, String ext, String format) throws Exception {
    String dir = "../specs/examples/" + example;
    var r = npv("lint", "--format", format, "--spec", dir + "/invariants.yaml", dir);
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
    golden("lint-" + example + "." + ext, r.out());
  }

  /** Compares with src/test/resources/golden/NAME (the shared helper; -Dgolden.update=true rewrites it). */
  static void golden(String name, String actual) {
    Golden.assertMatches(CheckReportGoldenTest.GOLDEN.resolve(name), actual);
  }

  @Test
  void lint_sarifIsValidSarif210() throws Exception {
    for (String fixture : List.of("redundant-rule/trigger.yaml", "except-covers-cidr/trigger.yaml")) {
      var r = npv("lint", "--format", "sarif", "--fail-on", "none", FIXTURES + fixture);
      assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
      assertEquals(Set.of(), ReportSchemaTest.sarifSchema().validate(JSON.readTree(r.out())), fixture);
    }
  }

  @Test
  void lint_failOn() {
    String errors = FIXTURES + "except-covers-cidr/trigger.yaml";
    assertEquals(ExitCodes.VIOLATED, npv("lint", errors).exit(), "errors fail by default");
    assertEquals(ExitCodes.OK, npv("lint", "--fail-on", "none", errors).exit());
    String warnings = FIXTURES + "redundant-rule/trigger.yaml";
    assertEquals(ExitCodes.OK, npv("lint", warnings).exit(), "warnings pass by default");
    var r = npv("lint", "--fail-on", "warning", warnings);
    assertEquals(ExitCodes.VIOLATED, r.exit());
    assertTrue(r.out().contains("warning: rule app/web ingress rule 0 is redundant"), r.out());
    assertTrue(r.out().contains("redundant-rule/trigger.yaml:34:5"), r.out());
    assertEquals(ExitCodes.USAGE, npv("lint", "--fail-on", "sometimes", warnings).exit());
  }

  @Test
  void lint_specFindings_areErrors() {
    List<String> args = new ArrayList<>(List.of("lint", "--spec", FIXTURES + "specs/contradictory-trigger.yaml",
        FIXTURES + "specs/cluster.yaml"));
    var r = npv(args.toArray(String[]::new));
    assertEquals(ExitCodes.VIOLATED, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("[NPV-L-CONTRADICTORY-INVARIANTS]"), r.out());
  }

  /** The README shows real runs: the same commands from the repository root print exactly that. */
  @Test
  void readmeShowsRealOutput() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    var explain = npv("explain", "--from", "shop/frontend", "--to", "myapp/backend", "--port", "5555/TCP", SEED);
    var lint = npv("lint", "--spec", SEED + "/invariants.yaml", SEED);
    String shown = "$ ./npv explain --from shop/frontend --to myapp/backend --port 5555/TCP specs/examples/seed\n"
        + explain.out() + "$ ./npv lint --spec specs/examples/seed/invariants.yaml specs/examples/seed\n" + lint.out();
    assertTrue(readme.contains(shown.replace("../specs/", "specs/")), "README is out of date; it should show:\n" + shown);
  }

  @Test
  void lint_invalidInput_exit3() {
    assertEquals(ExitCodes.INVALID_INPUT, npv("lint", "--spec", "no-such-spec.yaml", SEED).exit());
  }

  /** A lint question the solver leaves undecided is never a pass: exit 4 (1 still wins when a finding fails). */
  @Test
  void undecidedQuestion_exits4_unlessFailOnNone() {
    var r = npv("lint", "--rlimit", "1", "--spec", SEED + "/invariants.yaml", SEED);
    assertEquals(ExitCodes.UNKNOWN, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("NPV-L-UNDECIDED"), r.out());
    // An undecided contradiction question is said, not read as "no contradiction".
    assertTrue(r.out().contains("contradicts '"), r.out());
    assertEquals(ExitCodes.OK, npv("lint", "--rlimit", "1", "--fail-on", "none", SEED).exit());
    assertEquals(ExitCodes.OK, npv("lint", "--spec", SEED + "/invariants.yaml", SEED).exit(), "decided: a pass");
  }
}
