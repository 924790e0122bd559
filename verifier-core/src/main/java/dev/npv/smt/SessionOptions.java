package dev.npv.smt;

import dev.npv.eval.EvaluatorOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Per-session solver settings: evaluator semantics switches, a per-query timeout (0 = none), a
 * per-query Z3 resource limit ({@code rlimit}, 0 = none; machine-independent, so tests and CI can rely
 * on it), whether to spend extra queries making witnesses small and familiar, and a directory to dump
 * every query to as SMT-LIB2 (for replay with the z3 binary).
 */
public record SessionOptions(EvaluatorOptions semantics, int timeoutMillis, long resourceLimit,
                             boolean minimizeWitnesses, Optional<Path> dumpDirectory) {
  public static final SessionOptions DEFAULT = new SessionOptions(EvaluatorOptions.DEFAULT, 0, 0, true,
      Optional.empty());

  public SessionOptions(EvaluatorOptions semantics, int timeoutMillis, boolean minimizeWitnesses) {
    this(semantics, timeoutMillis, 0, minimizeWitnesses, Optional.empty());
  }
}
