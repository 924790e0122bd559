package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test fixtures: folders of YAML files whose expected diagnostics are written on the offending line
 * as {@code # expect: NPV-E-CODE} comments, so that line numbers cannot drift from the fixture.
 */
public final class Fixtures {
  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*((?:NPV-[A-Z]-[A-Z0-9-]+\\s*)+)");

  private Fixtures() {
  }

  public static Path resource(String name) {
    try {
      return Path.of(Objects.requireNonNull(Fixtures.class.getClassLoader().getResource(name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Stream<Path> caseDirs(String root) {
    try (Stream<Path> s = Files.list(resource(root))) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "file:line CODE" for every marker in the case's files. */
  public static TreeSet<String> expected(Path caseDir) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(caseDir)) {
      files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    // Formats without comments (JSON) list their expectations in expect.txt as "file:line CODE".
    Path sidecar = caseDir.resolve("expect.txt");
    if (Files.exists(sidecar)) {
      Files.readAllLines(sidecar).stream().map(String::trim).filter(l -> !l.isEmpty()).forEach(out::add);
    }
    for (Path f : files) {
      // Latin-1 reads any bytes, so fixtures that are deliberately not UTF-8 still carry markers.
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
    assertFalse(out.isEmpty(), "fixture without '# expect:' markers: " + caseDir);
    return out;
  }

  /** Errors and warnings as "file:line CODE" (notes are advice and only checked where asked). */
  public static TreeSet<String> actual(List<Diagnostic> diagnostics) {
    TreeSet<String> out = new TreeSet<>();
    for (Diagnostic d : diagnostics) {
      if (d.severity() != Severity.NOTE) {
        out.add(Path.of(d.location().file()).getFileName() + ":" + d.location().line() + " " + d.code());
      }
    }
    return out;
  }

  public static void assertSame(TreeSet<String> expected, TreeSet<String> actual, List<Diagnostic> all) {
    assertEquals(String.join("\n", expected), String.join("\n", actual),
        "diagnostics differ; all were:\n" + String.join("\n", all.stream().map(Diagnostic::oneLine).toList()));
  }
}
