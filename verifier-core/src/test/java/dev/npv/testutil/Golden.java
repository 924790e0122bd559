package dev.npv.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/}. Run with {@code -Dgolden.update=true} to rewrite
 * them from the actual output (then review the diff).
 */
public final class Golden {
  private static final Path ROOT = Path.of("src", "test", "resources");

  private Golden() {
  }

  public static void assertMatches(String resource, String actual) {
    Path file = ROOT.resolve(resource);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "<missing " + file + ">";
      assertEquals(expected, actual, "golden file " + file + " (rerun with -Dgolden.update=true to rewrite)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
