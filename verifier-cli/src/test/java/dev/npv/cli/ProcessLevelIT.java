package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(ExitCodes.OK, p.exitValue(), out);
      outs.add(out);
    }
    assertEquals(outs.get(0), outs.get(1));
    assertFalse(outs.get(0).contains("Exception"), outs.get(0));
  }

  /**
   * SIGTERM (what Ctrl-C's SIGINT also triggers: the JVM's shutdown hooks) during a long check: the hook
   * interrupts Z3, undecided invariants print as UNKNOWN and the process ends promptly.
   */
  @Test
  void terminateDuringALongCheck_stopsPromptlyWithoutAWrongVerdict(@TempDir Path dir) throws Exception {
    assertEquals(ExitCodes.OK, npv("generate", "--namespaces", "60", dir.toString()).exit());
    Path out = dir.resolve("out.txt");
    Process p = jar(dir.resolve("cache"), "check", "--spec", dir.resolve("invariants.yaml").toString(),
        dir.resolve("manifests").toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    Thread.sleep(4000);
    long t0 = System.nanoTime();
    p.destroy(); // SIGTERM: runs the shutdown hooks
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "npv did not stop");
    long stoppedMillis = (System.nanoTime() - t0) / 1_000_000;
    String text = Files.readString(out);
    assertTrue(stoppedMillis < 15_000, "stopped after " + stoppedMillis + " ms");
    assertFalse(text.contains("Exception"), text);
    if (text.contains(" invariants: ")) { // the report was printed: whatever was cut off is UNKNOWN
      assertTrue(text.contains("UNKNOWN") && text.contains("interrupted"), text);
    }
  }

}
