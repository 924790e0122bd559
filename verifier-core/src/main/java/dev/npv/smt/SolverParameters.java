package dev.npv.smt;

import com.microsoft.z3.Context;
import com.microsoft.z3.Params;
import com.microsoft.z3.Solver;

/** One place that turns {@link SessionOptions} into a configured Z3 solver (timeout, resource limit). */
final class SolverParameters {
  private SolverParameters() {
  }

  static Solver newSolver(Context ctx, SessionOptions options) {
    Solver solver = ctx.mkSolver();
    solver.setParameters(params(ctx, options));
    return solver;
  }

  static Params params(Context ctx, SessionOptions options) {
    Params p = ctx.mkParams();
    if (options.timeoutMillis() > 0) {
      p.add("timeout", options.timeoutMillis());
    }
    if (options.resourceLimit() > 0) {
      p.add("rlimit", (int) Math.min(Integer.MAX_VALUE, options.resourceLimit()));
    }
    return p;
  }
}
