package dev.npv.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Golden files, the one helper of core's and the CLI's tests (the CLI reads it from core's test jar).
 * Run with {@code -Dgolden.update=true} to rewrite them from the actual output (then review the diff);
 * a mismatch writes {@code actual_<name>} beside the golden file (ignored by git) to diff against.
 */
public final class Golden {
  /** The system property that rewrites golden files instead of comparing. */
  public static final String UPDATE = "golden.update";
  private static final Path ROOT = Path.of("src", "test", "resources");

  private Golden() {
  }

  /** Compares with {@code src/test/resources/<resource>}. */
  public static void assertMatches(String resource, String actual) {
    assertMatches(ROOT.resolve(resource), actual);
  }

  /** Compares with {@code file}, failing with a diff of the two. */
  public static void assertMatches(Path file, String actual) {
    if (!matches(file, actual)) {
      assertEquals(expected(file), actual, "golden file " + file + " (rerun with -D" + UPDATE + "=true to rewrite)");
    }
  }

  /** Compares every file before failing, so one run shows every changed report. */
  public static void assertAllMatch(Map<Path, String> actualByFile) {
    List<Path> mismatches = new ArrayList<>();
    actualByFile.forEach((file, actual) -> {
      if (!matches(file, actual)) {
        mismatches.add(file);
      }
    });
    if (!mismatches.isEmpty()) {
      fail("output differs from golden " + mismatches + "; see actual_* beside them (rerun with -D" + UPDATE
          + "=true to accept)");
    }
  }

  /** True when {@code actual} is the golden text (always, after rewriting it when updating). */
  private static boolean matches(Path file, String actual) {
    try {
      if (Boolean.getBoolean(UPDATE)) {
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return true;
      }
      if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(actual)) {
        return true;
      }
      Files.writeString(file.resolveSibling("actual_" + file.getFileName()), actual, StandardCharsets.UTF_8);
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String expected(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "<missing " + file + ">";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
