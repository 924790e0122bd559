package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  private static int run(StringWriter out, String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedWritesByteIdenticalDirectories(@TempDir Path tmp) throws Exception {
    String[] opts = {"--namespaces", "4", "--workloads-per-namespace", "5", "--policies-per-namespace", "15",
        "--seed", "7"};
    for (String d : new String[] {"a", "b"}) {
      String[] args = Arrays.copyOf(opts, opts.length + 2);
      args[opts.length] = "generate";
      System.arraycopy(opts, 0, args, 1, opts.length);
      args[0] = "generate";
      args[opts.length + 1] = tmp.resolve(d).toString();
      StringWriter out = new StringWriter();
      assertEquals(ExitCodes.OK, run(out, args), out.toString());
      assertTrue(out.toString().contains("7 namespaces, 23 workloads"), out.toString());
    }
    List<Path> a = files(tmp.resolve("a"));
    assertEquals(files(tmp.resolve("b")), a);
    assertEquals(6, a.size());
    for (Path f : a) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)));
    }
  }

  @Test
  void generatedFilesCheck(@TempDir Path tmp) {
    StringWriter out = new StringWriter();
    assertEquals(ExitCodes.OK, run(out, "generate", "--namespaces", "3", "--workloads-per-namespace", "4",
        "--policies-per-namespace", "10", "--seed", "3", tmp.toString()));
    StringWriter check = new StringWriter();
    int rc = run(check, "check", "--world", "closed", "--spec", tmp.resolve("invariants.yaml").toString(),
        tmp.resolve("manifests").toString());
    // Some generated invariants are violated on purpose: exit code 1, never an input or internal error.
    assertEquals(ExitCodes.VIOLATED, rc, check.toString());
  }

  /**
   * Verdicts never depend on the number of jobs. Counterexamples are re-checked and normalised, but
   * Z3 may pick a different, equally valid one from run to run (its choices follow its internal
   * state), so they are compared for presence and validity, not byte for byte.
   */
  @Test
  void checkVerdictsAreTheSameWhateverTheNumberOfJobs(@TempDir Path tmp) throws Exception {
    assertEquals(ExitCodes.OK, run(new StringWriter(), "generate", "--namespaces", "5", "--workloads-per-namespace",
        "4", "--policies-per-namespace", "14", "--seed", "11", tmp.toString()));
    List<String> first = null;
    for (int jobs = 1; jobs <= 3; jobs++) {
      StringWriter out = new StringWriter();
      int rc = run(out, "check", "--jobs", String.valueOf(jobs), "--no-timings", "--format", "json", "--spec",
          tmp.resolve("invariants.yaml").toString(), tmp.resolve("manifests").toString());
      assertEquals(ExitCodes.VIOLATED, rc, out.toString());
      List<String> verdicts = new ArrayList<>();
      for (JsonNode r : new ObjectMapper()
          .readTree(out.toString()).get("results")) {
        verdicts.add(r.get("name").asText() + " " + r.get("verdict").asText() + " " + r.get("passed").asBoolean()
            + " " + r.has("counterexample") + " " + r.get("warnings"));
      }
      assertTrue(verdicts.size() > 16, "more than one batch of invariants");
      if (first == null) {
        first = verdicts;
        assertTrue(verdicts.stream().anyMatch(v -> v.contains(" VIOLATED ")), "some violations");
      } else {
        assertEquals(first, verdicts, "jobs " + jobs);
      }
    }
  }

  @Test
  void checkRejectsZeroJobs(@TempDir Path tmp) {
    StringWriter err = new StringWriter();
    int rc = Main.run(new String[] {"check", "--jobs", "0", "--spec", tmp.resolve("x.yaml").toString(),
        tmp.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertEquals(ExitCodes.USAGE, rc, err.toString());
    assertTrue(err.toString().contains("--jobs must be at least 1"), err.toString());
  }

  @Test
  void rejectsNegativeCounts(@TempDir Path tmp) {
    assertEquals(ExitCodes.USAGE, run(new StringWriter(), "generate", "--namespaces", "0", tmp.toString()));
  }
}
