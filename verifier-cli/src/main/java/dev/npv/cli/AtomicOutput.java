package dev.npv.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code -o} reports via a temporary file in the same directory and one atomic rename, so a
 * concurrent reader (a CI step, a file watcher) sees the old file or the whole new one, never half.
 */
final class AtomicOutput {
  private AtomicOutput() {
  }

  /** Writes, or prints why it cannot (a bad -o path is the user's to fix, not an internal error). */
  static boolean write(Path target, String text, PrintWriter err) {
    try {
      write(target, text);
      return true;
    } catch (IOException | RuntimeException e) {
      err.println("npv: cannot write " + target + ": " + e);
      err.flush();
      return false;
    }
  }

  static void write(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING); // e.g. some network file systems
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
