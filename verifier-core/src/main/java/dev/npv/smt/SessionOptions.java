package dev.npv.smt;

import dev.npv.eval.EvaluatorOptions;

/**
 * Per-session solver settings: evaluator semantics switches, a per-query timeout (0 = none), and
 * whether to spend extra queries making witnesses small and familiar.
 */
public record SessionOptions(EvaluatorOptions semantics, int timeoutMillis, boolean minimizeWitnesses) {
  public static final SessionOptions DEFAULT = new SessionOptions(EvaluatorOptions.DEFAULT, 0, true);
}
