package dev.npv.smt;

import com.microsoft.z3.Solver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Writes a solver's current query as an SMT-LIB2 file (--dump-smt), so it can be replayed with z3. */
final class SmtDump {
  private SmtDump() {
  }

  /** Writes {@code <prefix><number>.smt2} into {@code directory}, if one is set. */
  static void write(Optional<Path> directory, String prefix, int number, Solver solver, String commands) {
    if (directory.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(directory.get());
      Files.writeString(directory.get().resolve(prefix + number + ".smt2"), solver.toString() + "\n" + commands);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write SMT-LIB dump: " + e.getMessage(), e);
    }
  }
}
