package dev.npv.smt;

import java.util.Optional;

/**
 * The solver's answer to "is there a connection of this kind?": FOUND with a witness, NONE (unsat),
 * or UNKNOWN with Z3's reason. Plain data, safe to keep after the session closes.
 */
public record SolverAnswer(Outcome outcome, Optional<Witness> witness, String reason, Stats stats) {
  public enum Outcome { FOUND, NONE, UNKNOWN }

  /** Figures for --stats and benchmarks: Z3's machine-independent resource count and times. */
  public record Stats(long encodeMillis, long solveMillis, long rlimit, int assertions) {
  }

  /** This answer, with the time and work of an earlier query for the same question added. */
  SolverAnswer plus(Stats earlier) {
    return new SolverAnswer(outcome, witness, reason, new Stats(stats.encodeMillis(),
        stats.solveMillis() + earlier.solveMillis(), stats.rlimit() + earlier.rlimit(), stats.assertions()));
  }
}
