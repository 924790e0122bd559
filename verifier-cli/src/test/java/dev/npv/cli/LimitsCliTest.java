package dev.npv.cli;

import static dev.npv.cli.CliEndToEndTest.npv;
import static dev.npv.cli.HostileInputCliTest.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.cli.CliEndToEndTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each input limit triggers with an error naming the limit and its flag, and the flag lets the input in. */
class LimitsCliTest {
  private static final String NS = "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n";
  /** Skipped kinds are still parsed in full, so they carry the nesting and the aliases. */
  private static final String CONFIG_MAP = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n";

  @Test
  void fileSize(@TempDir Path dir) throws Exception {
    Path f = write(dir, NS + "# padding " + "x".repeat(2000) + "\n");
    assertLimit(f, "NPV-E-LIMIT-SIZE", "--max-file-size", "1000", "larger than the limit of 1000 bytes");
  }

  @Test
  void documentCount(@TempDir Path dir) throws Exception {
    StringBuilder docs = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      docs.append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n").append(i).append("}\n");
    }
    Path f = write(dir, docs.toString());
    Run r = assertLimit(f, "NPV-E-LIMIT-DOCUMENTS", "--max-documents", "3", "more than 3 YAML documents");
    assertTrue(r.err().contains(f + ":14:1: error:"), "points at the 4th document: " + r.err());
    assertEquals(ExitCodes.OK, npv("connectivity", "--max-documents", "5", f.toString()).exit());
  }

  @Test
  void nestingDepth(@TempDir Path dir) throws Exception {
    Path f = write(dir, NS + CONFIG_MAP + "data:\n  deep: " + "[".repeat(70) + "]".repeat(70) + "\n");
    Run r = assertLimit(f, "NPV-E-LIMIT-NESTING", "--max-depth", null, "nested deeper than 64 levels");
    assertTrue(r.err().contains(f + ":9:"), "points at the line: " + r.err());
  }

  @Test
  void aliasCount(@TempDir Path dir) throws Exception {
    StringBuilder aliases = new StringBuilder("data:\n  base: &b [1, 2]\n  uses: [");
    for (int i = 0; i < 60; i++) {
      aliases.append(i == 0 ? "" : ", ").append("*b");
    }
    Path f = write(dir, NS + CONFIG_MAP + aliases + "]\n");
    Run r = assertLimit(f, "NPV-E-LIMIT-ALIASES", "--max-aliases", null, "more than 50 YAML aliases");
    assertTrue(r.err().contains(f + ":10:"), "points at the line: " + r.err());
  }

  /** Spec files are read under the same limits and flags as manifests. */
  @Test
  void specFilesHaveTheSameLimits(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, "apiVersion: npv.dev/v1alpha1\nkind: InvariantSet\nmetadata: {name: s}\nspec:\n"
        + "  invariants: [{name: a, expect: deny, to: {namespace: myapp}}]\n" + "# " + "x".repeat(3000) + "\n");
    Path manifests = write(dir, NS);
    Run r = npv("check", "--max-file-size", "2000", "--spec", spec.toString(), manifests.toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains(spec + ": error: input is larger than the limit of 2000 bytes (raise with "
        + "--max-file-size) [NPV-E-LIMIT-SIZE]"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void nonPositiveLimit_isAUsageError() {
    for (String flag : new String[] {"--max-file-size", "--max-documents", "--max-depth", "--max-aliases"}) {
      Run r = npv("connectivity", flag, "0", CliEndToEndTest.SEED);
      assertEquals(ExitCodes.USAGE, r.exit(), flag + ": " + r.err());
      assertTrue(r.err().contains(flag + " must be at least 1, not 0"), r.err());
    }
  }

  /** Triggers with {@code value} (or the default when null), then passes with the flag raised to 1000000. */
  private static Run assertLimit(Path f, String code, String flag, String value, String message) {
    Run r = value == null ? npv("connectivity", f.toString()) : npv("connectivity", flag, value, f.toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertTrue(r.err().contains("(raise with " + flag + ")") && r.err().contains("[" + code + "]"), r.err());
    assertNoStackTrace(r);
    Run raised = npv("connectivity", flag, "1000000", f.toString());
    assertEquals(ExitCodes.OK, raised.exit(), raised.err());
    return r;
  }

  private static Path write(Path dir, String text) throws Exception {
    Path f = dir.resolve("in.yaml");
    Files.writeString(f, text);
    return f;
  }
}
