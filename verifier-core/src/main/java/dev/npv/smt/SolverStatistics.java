package dev.npv.smt;

import com.microsoft.z3.Solver;
import com.microsoft.z3.Statistics;

/** Reads the figures npv reports from Z3's solver statistics (--stats, benchmarks). */
final class SolverStatistics {
  private SolverStatistics() {
  }

  /** Z3's machine-independent resource count for the solver's whole life so far ({@code rlimit count}). */
  static long rlimit(Solver solver) {
    for (Statistics.Entry e : solver.getStatistics().getEntries()) {
      if (e.Key.equals("rlimit count")) {
        return (long) Double.parseDouble(e.getValueString());
      }
    }
    return 0;
  }
}
