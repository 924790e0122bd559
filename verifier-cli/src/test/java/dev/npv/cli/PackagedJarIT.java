package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar, run as a user runs it (java -jar, a fresh process): every command and output
 * format works from the jar alone (in-process tests cannot see a dependency missing from it), and the
 * Z3 native library is unpacked once into the cache, then reused.
 */
class PackagedJarIT {
  static final Path JAR = Path.of(System.getProperty("npv.jar", "target/npv.jar"));
  static final String SEED = "../specs/examples/seed";

  record Run(int exit, String out) {
  }

  static Run npv(Path cache, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("NPV_CACHE_DIR", cache.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  @Test
  void everyCommandAndFormat_worksFromTheJar(@TempDir Path cache, @TempDir Path out) throws Exception {
    String spec = SEED + "/invariants.yaml";
    Run check = npv(cache, "check", "--spec", spec, "--format", "json", "--output", out.resolve("r.json").toString(),
        "--format", "sarif", "--output", out.resolve("r.sarif").toString(), "--format", "junit", "--output",
        out.resolve("r.xml").toString(), "--format", "markdown", "--output", out.resolve("r.md").toString(), SEED);
    assertEquals(0, check.exit(), check.out());
    assertTrue(Files.readString(out.resolve("r.json")).contains("\"schemaVersion\""));
    assertTrue(Files.readString(out.resolve("r.sarif")).contains("\"2.1.0\""));
    for (String format : List.of("text", "json", "csv", "md", "dot")) {
      Run c = npv(cache, "connectivity", "--format", format, SEED);
      assertEquals(0, c.exit(), format + ": " + c.out());
      assertFalse(c.out().contains("Exception"), c.out());
    }
    Run explain = npv(cache, "explain", "--from", "myapp/frontend", "--to", "myapp/backend", "--port", "5555/TCP",
        "--format", "json", SEED);
    assertEquals(0, explain.exit(), explain.out());
    Run lint = npv(cache, "lint", "--format", "sarif", "--fail-on", "none", SEED);
    assertEquals(0, lint.exit(), lint.out());
    Run diff = npv(cache, "diff", "--format", "json", SEED, SEED);
    assertEquals(0, diff.exit(), diff.out());
  }

  @Test
  void z3NativeLibrary_isUnpackedOnceIntoTheCache(@TempDir Path cache) throws Exception {
    assertEquals(0, npv(cache, "reach", "--to", "myapp/backend", SEED).exit());
    List<Path> libs;
    try (var files = Files.walk(cache)) {
      libs = files.filter(p -> p.getFileName().toString().startsWith("libz3")).toList();
    }
    assertFalse(libs.isEmpty(), "libraries unpacked into NPV_CACHE_DIR");
    // A mark no unpacking could leave (a fixed time long past), instead of waiting for the clock to move:
    // a second unpack would rewrite the file and so its modification time.
    FileTime mark = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    for (Path lib : libs) {
      Files.setLastModifiedTime(lib, mark);
    }
    assertEquals(0, npv(cache, "reach", "--to", "myapp/backend", SEED).exit());
    for (Path lib : libs) {
      assertEquals(mark, Files.getLastModifiedTime(lib), lib + " reused, not unpacked again");
    }
  }
}
