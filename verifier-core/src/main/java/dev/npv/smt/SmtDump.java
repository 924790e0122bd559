package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Solver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Writes each solver check as an SMT-LIB2 file (--dump-smt), so it can be replayed with the z3 binary:
 * {@code <prefix><n>.smt2}, numbered from 1 per directory and prefix. The number is shared by every
 * session writing there (a check run opens one session per batch of invariants, some in parallel), so
 * no session's file overwrites another's.
 */
final class SmtDump {
  private static final Map<Path, AtomicInteger> NUMBERS = new ConcurrentHashMap<>();

  private final Optional<Path> directory;
  private final String prefix;
  /** What a replay asks after a plain check, e.g. {@code (get-model)}. */
  private final String afterCheck;

  private SmtDump(Optional<Path> directory, String prefix, String afterCheck) {
    this.directory = directory;
    this.prefix = prefix;
    this.afterCheck = afterCheck;
  }

  /** Dumps into {@code directory}, if one is set; otherwise writes nothing. */
  static SmtDump to(Optional<Path> directory, String prefix, String afterCheck) {
    return new SmtDump(directory.map(d -> d.toAbsolutePath().normalize()), prefix, afterCheck);
  }

  /** Writes the solver's assertions and the check about to run (under {@code assumptions}, if any). */
  void write(Solver solver, BoolExpr... assumptions) {
    if (directory.isEmpty()) {
      return;
    }
    String check = assumptions.length == 0 ? "(check-sat)\n" + afterCheck
        : "(check-sat-assuming (" + Arrays.stream(assumptions).map(Object::toString).collect(Collectors.joining(" "))
            + "))\n";
    int number = NUMBERS.computeIfAbsent(directory.get().resolve(prefix), k -> new AtomicInteger()).incrementAndGet();
    try {
      Files.createDirectories(directory.get());
      Files.writeString(directory.get().resolve(prefix + number + ".smt2"), solver.toString() + "\n" + check);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write SMT-LIB dump: " + e.getMessage(), e);
    }
  }
}
