package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.IntNum;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.model.Namespace;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a satisfiable query's witness familiar and small, by asserting preferences one at a time and
 * keeping each that stays satisfiable: existing workloads over hypothetical pods (when asked: a check
 * session's open world leaves that to the verifier, see {@code FamiliarWitness}), declared namespaces
 * over new ones, plain addresses or known nodes over new nodes, then as few labels and named ports as
 * possible. Each kept preference stays pushed;
 * {@link #run} returns how many levels the caller must pop after reading the model.
 */
final class WitnessMinimizer {
  private static final int MAX_CHECKS = 24;

  private final Context ctx;
  private final AbstractSession.Scope scope;
  private final Solver solver;
  private final Universe u;
  private final SymbolicEndpoint src;
  private final SymbolicEndpoint dst;
  private final boolean preferKnownWorkloads;
  private int pushed;
  private int checks;
  private Model model;

  WitnessMinimizer(Context ctx, AbstractSession.Scope scope, Universe u, SymbolicEndpoint src, SymbolicEndpoint dst,
                   boolean preferKnownWorkloads) {
    this.preferKnownWorkloads = preferKnownWorkloads;
    this.ctx = ctx;
    this.scope = scope;
    this.solver = scope.solver();
    this.u = u;
    this.src = src;
    this.dst = dst;
  }

  /**
   * Returns the number of pushed levels; {@link #model()} is then a model of every kept preference.
   * A preference the current model already satisfies is kept without asking the solver again.
   */
  int run() {
    model = solver.getModel();
    if (preferKnownWorkloads) {
      for (SymbolicEndpoint e : List.of(src, dst)) {
        prefer(ctx.mkOr(e.ext, ctx.mkGe(e.workload, ctx.mkInt(0))));
      }
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
      prefer(ctx.mkImplies(e.node, ConnectionEncoder.knownNodeAddress(ctx, u, e)));
    }
    for (SymbolicEndpoint e : List.of(src, dst)) {
      if (model.eval(e.node, true).isTrue()) {
        fewer(e.nodeLabels.values().stream().toList()); // a known node's are fixed; a new node's as few as may be
      }
      if (model.eval(e.ext, true).isTrue() || intValue(e.workload) >= 0) {
        continue; // an address, or a known workload: its labels are fixed
      }
      fewer(e.podLabels.values().stream().toList());
      if (u.declared(intValue(e.ns)).isEmpty()) {
        fewer(e.nsLabels.entrySet().stream()
            .filter(x -> !x.getKey().equals(Namespace.NAME_LABEL)).map(x -> x.getValue()).toList());
      }
    }
    List<BoolExpr> noPorts = dst.namedPorts.values().stream().map(v -> ctx.mkNot(v.defined())).toList();
    if (!noPorts.isEmpty()) {
      prefer(ctx.mkAnd(noPorts.toArray(new BoolExpr[0])));
    }
    return pushed;
  }

  /** A model of the query and every kept preference. */
  Model model() {
    return model;
  }

  /** Tries to make the set labels of a hypothetical endpoint absent: all at once, then one by one. */
  private void fewer(List<IntExpr> labels) {
    List<BoolExpr> absent = new ArrayList<>();
    for (IntExpr x : labels) {
      if (((IntNum) model.eval(x, true)).getInt() != ValueDomain.ABSENT) {
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

  private int intValue(IntExpr x) {
    return ((IntNum) model.eval(x, true)).getInt();
  }

  private boolean prefer(BoolExpr preference) {
    if (!scope.deciding()) {
      return false; // interrupted or faulted: the question's answer is discarded, so ask Z3 nothing more
    }
    if (model.eval(preference, true).isTrue()) {
      solver.push();
      solver.add(preference);
      pushed++;
      return true;
    }
    if (checks++ >= MAX_CHECKS) {
      return false;
    }
    solver.push();
    solver.add(preference);
    // Through the scope, like every check of a query: no check once the session stopped deciding.
    Status status = scope.refine();
    if (status == Status.SATISFIABLE) {
      model = solver.getModel();
      pushed++;
      return true;
    }
    solver.pop();
    return false;
  }
}
