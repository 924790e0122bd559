package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process-level behaviour of the packaged jar (run by failsafe after package): concurrency and signals. */
class ProcessLevelIT {
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

  static ProcessBuilder jar(Path cache, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-jar", System.getProperty("npv.jar", "target/npv.jar")));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("NPV_CACHE_DIR", cache.toString());
    return pb;
  }

  /**
   * Two npv processes at once (z3-turnkey unpacks its native library per process): both succeed with
   * the same report, even when both unpack Z3's native library into an empty cache at once.
   */
  @Test
  void twoProcessesAtOnce_bothSucceed(@TempDir Path cache) throws Exception {
    // A fresh cache: both processes race to unpack Z3's native library into it.
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ps.add(jar(cache, "check", "--no-timings", "--spec", SEED_SPEC, SEED).redirectErrorStream(true).start());
    }
    List<String> outs = new ArrayList<>();
    for (Process p : ps) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "npv did not finish"); // a hang guard, not a timing check
      assertEquals(ExitCodes.OK, p.exitValue(), out);
      outs.add(out);
    }
    assertEquals(outs.get(0), outs.get(1));
    assertFalse(outs.get(0).contains("Exception"), outs.get(0));
  }

  /**
   * SIGTERM (what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks) during a long check: the hook
   * interrupts Z3, undecided invariants print as UNKNOWN and the process ends. No sleep: the signal is
   * sent once npv says (--progress lines) that it has started the second of 1,200 invariants, far more
   * than it can decide before the signal arrives.
   */
  @Test
  void terminateDuringALongCheck_stopsWithoutAWrongVerdict(@TempDir Path dir) throws Exception {
    assertEquals(ExitCodes.OK, npv("generate", "--namespaces", "60", dir.toString()).exit());
    Path spec = dir.resolve("many.yaml");
    Files.writeString(spec, repeated(Files.readString(dir.resolve("invariants.yaml")), 10));
    Path out = dir.resolve("out.txt");
    Process p = jar(dir.resolve("cache"), "check", "--progress", "lines", "--jobs", "1", "--spec", spec.toString(),
        dir.resolve("manifests").toString()).redirectOutput(out.toFile()).start();
    StringBuilder progress = new StringBuilder();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null && !line.startsWith("npv: checking 2/")) {
        progress.append(line).append('\n');
      }
      assertTrue(line != null, "npv ended before it started the second invariant:\n" + progress);
      p.destroy(); // SIGTERM: runs the shutdown hooks (and closes our end of npv's stderr)
    }
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "npv did not stop"); // a hang guard, not a timing check
    String text = Files.readString(out);
    assertFalse(text.contains("Exception"), text);
    assertTrue(text.contains("1200 invariants: "), text); // the report was printed whole
    assertTrue(text.contains("UNKNOWN") && text.contains("interrupted"), text);
    assertFalse(text.contains("all as expected"), text);
  }

  /** The invariant set's list {@code copies} times, each copy's names suffixed so they stay unique. */
  private static String repeated(String spec, int copies) {
    int at = spec.indexOf("  invariants:\n") + "  invariants:\n".length();
    String list = spec.substring(at);
    StringBuilder sb = new StringBuilder(spec.substring(0, at));
    for (int i = 0; i < copies; i++) {
      sb.append(list.replaceAll("(?m)^(  - name: \\S+)$", "$1-copy" + i));
    }
    return sb.toString();
  }

}
