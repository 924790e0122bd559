package dev.npv.cli;

import dev.npv.smt.SessionOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The solver settings of the commands that answer invariants (check, reach, diff), in one place. */
final class QueryOptions {
  @Mixin
  SolverOptions solver;

  @Option(names = "--timeout", defaultValue = "60000", paramLabel = "MS",
      description = "Solver timeout per query in milliseconds; 0 for none (default: ${DEFAULT-VALUE}). "
          + "A timeout gives UNKNOWN, never PROVEN.")
  int timeoutMillis;

  /** The session settings, with witness minimization on (counterexamples people can read). */
  SessionOptions session(CommonOptions common) {
    return new SessionOptions(common.evaluatorOptions(), timeoutMillis, solver.resourceLimit, true, solver.dumpSmt);
  }
}
