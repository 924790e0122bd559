package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.IntNum;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a satisfiable query's witness familiar and small, by asserting preferences one at a time and
 * keeping each that stays satisfiable: existing workloads over hypothetical pods, declared namespaces
 * over new ones, then as few labels and named ports as possible. Each kept preference stays pushed;
 * {@link #run} returns how many levels the caller must pop after reading the model.
 */
final class WitnessMinimizer {
  private static final int MAX_CHECKS = 24;

  private final Context ctx;
  private final Solver solver;
  private final Universe u;
  private final SymbolicEndpoint src;
  private final SymbolicEndpoint dst;
  private int pushed;
  private int checks;
  private boolean lastSat = true;

  WitnessMinimizer(Context ctx, Solver solver, Universe u, SymbolicEndpoint src, SymbolicEndpoint dst) {
    this.ctx = ctx;
    this.solver = solver;
    this.u = u;
    this.src = src;
    this.dst = dst;
  }

  /** Returns the number of pushed levels; the solver's current model is satisfying. */
  int run() {
    for (SymbolicEndpoint e : List.of(src, dst)) {
      prefer(ctx.mkOr(e.ext, ctx.mkGe(e.workload, ctx.mkInt(0))));
    }
    for (SymbolicEndpoint e : List.of(src, dst)) {
      List<BoolExpr> declared = new ArrayList<>();
      for (int i = 0; i < u.newNamespaceIndex(); i++) {
        if (u.declared(i).isPresent()) {
          declared.add(ctx.mkEq(e.ns, ctx.mkInt(i)));
        }
      }
      declared.add(e.ext);
      prefer(ctx.mkOr(declared.toArray(new BoolExpr[0])));
    }
    for (SymbolicEndpoint e : List.of(src, dst)) {
      fewer(e, e.podLabels.values().stream().toList());
      fewer(e, e.nsLabels.entrySet().stream()
          .filter(x -> !x.getKey().equals(dev.npv.model.Namespace.NAME_LABEL)).map(x -> x.getValue()).toList());
    }
    List<BoolExpr> noPorts = dst.namedPorts.values().stream().map(v -> ctx.mkNot(v.defined())).toList();
    if (!noPorts.isEmpty()) {
      prefer(ctx.mkAnd(noPorts.toArray(new BoolExpr[0])));
    }
    if (!lastSat) {
      // The last attempt was popped; refresh the model of the kept preferences (known satisfiable).
      if (solver.check() != Status.SATISFIABLE) {
        solver.pop(pushed);
        pushed = 0;
        solver.check();
      }
    }
    return pushed;
  }

  /** Tries to make the set labels of a hypothetical endpoint absent: all at once, then one by one. */
  private void fewer(SymbolicEndpoint e, List<IntExpr> labels) {
    if (!lastSat && !refresh()) {
      return;
    }
    Model m = solver.getModel();
    List<BoolExpr> absent = new ArrayList<>();
    for (IntExpr x : labels) {
      if (((IntNum) m.eval(x, true)).getInt() != ValueDomain.ABSENT) {
        absent.add(ctx.mkEq(x, ctx.mkInt(ValueDomain.ABSENT)));
      }
    }
    if (absent.isEmpty() || prefer(ctx.mkAnd(absent.toArray(new BoolExpr[0])))) {
      return;
    }
    for (BoolExpr a : absent) {
      prefer(a);
    }
  }

  private boolean refresh() {
    if (checks++ >= MAX_CHECKS) {
      return false;
    }
    lastSat = solver.check() == Status.SATISFIABLE;
    return lastSat;
  }

  private boolean prefer(BoolExpr preference) {
    if (checks++ >= MAX_CHECKS) {
      return false;
    }
    solver.push();
    solver.add(preference);
    if (solver.check() == Status.SATISFIABLE) {
      pushed++;
      lastSat = true;
      return true;
    }
    solver.pop();
    lastSat = false;
    return false;
  }
}
