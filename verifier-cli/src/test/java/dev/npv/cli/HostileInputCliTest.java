package dev.npv.cli;

import static dev.npv.cli.CliEndToEndTest.SEED;
import static dev.npv.cli.CliEndToEndTest.SEED_SPEC;
import static dev.npv.cli.CliEndToEndTest.npv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.cli.CliEndToEndTest.Run;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad-input fixture of the loader and the spec reader, run through the command line as a user
 * would: exit 3, each marked code printed with its file:line, and never a stack trace.
 */
class HostileInputCliTest {
  static final Path MANIFEST_FIXTURES = Path.of("../verifier-core/src/test/resources/load/invalid");
  static final Path SPEC_FIXTURES = Path.of("../verifier-core/src/test/resources/spec/invalid");
  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*((?:NPV-[A-Z]-[A-Z0-9-]+\\s*)+)");

  static Stream<Path> manifestCases() throws IOException {
    return dirs(MANIFEST_FIXTURES);
  }

  static Stream<Path> specCases() throws IOException {
    return dirs(SPEC_FIXTURES);
  }

  @ParameterizedTest(name = "connectivity {0}")
  @MethodSource("manifestCases")
  void connectivity_badManifests_exit3WithEveryCodeAndNoStackTrace(Path dir) throws IOException {
    assertRejected(npv("connectivity", dir.toString()), dir);
  }

  @ParameterizedTest(name = "check {0}")
  @MethodSource("manifestCases")
  void check_badManifests_exit3WithEveryCodeAndNoStackTrace(Path dir) throws IOException {
    assertRejected(npv("check", "--spec", SEED_SPEC, dir.toString()), dir);
  }

  @ParameterizedTest(name = "check --spec {0}")
  @MethodSource("specCases")
  void check_badSpecs_exit3WithEveryCodeAndNoStackTrace(Path dir) throws IOException {
    assertRejected(npv("check", "--spec", dir.resolve("input.yaml").toString(), SEED), dir);
  }

  @Test
  void check_specNamingAMissingWorkload_exit3AtItsLine() {
    String spec = "src/test/resources/cli/hostile/unknown-workload.yaml";
    Run r = npv("check", "--spec", spec, SEED);
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(spec + ":10:7: error: invariant 'backend-closed' refers to workload myapp/backnd"),
        r.err());
    assertTrue(r.err().contains("[NPV-E-SPEC-UNKNOWN-WORKLOAD]"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void check_closedWorldNamespaceThatDoesNotExist_warnsThatTheSetIsEmpty() {
    String spec = "src/test/resources/cli/hostile/unknown-namespace.yaml";
    Run r = npv("check", "--spec", spec, SEED);
    assertTrue(r.err().contains(spec + ":11:7: warning: invariant 'ghost-closed' names namespace 'ghost', which no "
        + "manifest defines: in the closed world this endpoint set is empty"), r.err());
    assertTrue(r.err().contains("[NPV-W-SPEC-EMPTY-NAMESPACE]"), r.err());
    assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err()); // vacuously proven, and said so
    // The open world may create the namespace: no such warning there.
    assertFalse(npv("check", "--world", "open", "--spec", spec, SEED).err().contains("NPV-W-SPEC-EMPTY-NAMESPACE"));
  }

  @Test
  void emptyFileIsAnEmptyCluster_emptyDirectoryIsAnError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("empty.yaml"), "");
    Run ok = npv("connectivity", dir.resolve("empty.yaml").toString());
    assertEquals(ExitCodes.OK, ok.exit(), ok.err());
    Files.createDirectory(dir.resolve("nothing"));
    Run r = npv("connectivity", dir.resolve("nothing").toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit());
    assertTrue(r.err().contains("[NPV-E-INPUT-EMPTY-DIR]"), r.err());
    assertNoStackTrace(r);
  }

  /**
   * A 100 MB file (sparse, generated here, never committed) is refused by its size before it is read:
   * the run uses a 48 MB heap, which reading the file into memory would overflow.
   */
  @Test
  void hundredMegabyteFile_refusedBeforeItIsRead(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(100L * 1024 * 1024);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
        "dev.npv.cli.Main", "connectivity", big.toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "npv did not finish"); // a hang guard, not a timing check
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.INVALID_INPUT, p.exitValue(), output);
    assertTrue(output.contains(big + ": error: input is larger than the limit of 67108864 bytes (raise with "
        + "--max-file-size) [NPV-E-LIMIT-SIZE]"), output);
    assertFalse(output.contains("OutOfMemory") || output.contains("Exception"), output);
  }

  /** Neither a message nor the quoted source line may carry a manifest's control characters to the terminal. */
  @Test
  void controlCharactersInInput_neverReachTheTerminal(@TempDir Path dir) throws IOException {
    Path quoted = dir.resolve("quoted.yaml"); // a YAML escape puts ESC and a line break into the name
    Files.writeString(quoted, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"x\\e[2J\\ny\"\n");
    Run r = npv("connectivity", quoted.toString());
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.err());
    assertTrue(r.err().contains(quoted + ":4:9: error: invalid Namespace name 'x\\u001b[2J\\ny'"), r.err());
    assertFalse(r.err().chars().anyMatch(c -> c == 0x1b), r.err());
    assertEquals(3, r.err().lines().count(), "one diagnostic line, the source line, the caret: " + r.err());
    Path raw = dir.resolve("raw.yaml"); // a raw ESC is not YAML at all, but the quoted line must not carry it
    Files.writeString(raw, "apiVersion: v1\nkind: Namespace # \u001b[31mred\n");
    Run r2 = npv("connectivity", raw.toString());
    assertEquals(ExitCodes.INVALID_INPUT, r2.exit(), r2.err());
    assertTrue(r2.err().contains(raw + ":2:19: error: character U+001B is not allowed in YAML"), r2.err());
    assertFalse(r2.err().chars().anyMatch(c -> c == 0x1b), r2.err());
  }

  private static void assertRejected(Run r, Path dir) throws IOException {
    assertEquals(ExitCodes.INVALID_INPUT, r.exit(), r.out() + r.err());
    for (String expected : expected(dir)) {
      String file = expected.substring(0, expected.indexOf(':'));
      String line = expected.substring(expected.indexOf(':') + 1, expected.indexOf(' '));
      String code = expected.substring(expected.indexOf(' ') + 1);
      Pattern shown = Pattern.compile(Pattern.quote(file) + ":" + line + ":\\d+: (error|warning): .*\\["
          + Pattern.quote(code) + "\\]");
      assertTrue(shown.matcher(r.err()).find(), "missing " + expected + " in:\n" + r.err());
    }
    assertNoStackTrace(r);
  }

  static void assertNoStackTrace(Run r) {
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("at dev.npv"), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
  }

  /** "file:line CODE" from the fixtures' inline markers and expect.txt. */
  private static TreeSet<String> expected(Path dir) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    Path sidecar = dir.resolve("expect.txt");
    if (Files.exists(sidecar)) {
      Files.readAllLines(sidecar).stream().map(String::trim).filter(l -> !l.isEmpty()).forEach(out::add);
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = EXPECT.matcher(lines.get(i));
        if (m.find()) {
          for (String code : m.group(1).trim().split("\\s+")) {
            out.add(f.getFileName() + ":" + (i + 1) + " " + code);
          }
        }
      }
    }
    assertFalse(out.isEmpty(), "no expectations in " + dir);
    return out;
  }

  private static Stream<Path> dirs(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory).sorted().forEach(out::add);
    }
    return out.stream();
  }
}
