package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Boolean literal per policy and per rule (JKind-style activation literals): assumed true, they
 * leave the semantics unchanged; an unsat core over them names the policies and rules a proof rests on.
 * Literals are named after what they switch ({@code policy[ns/name]}, {@code rule[ns/name ingress 0]}).
 */
final class ProofTracker {
  private final Context ctx;
  private final Map<String, BoolExpr> literals = new LinkedHashMap<>();

  ProofTracker(Context ctx) {
    this.ctx = ctx;
  }

  BoolExpr policy(Policy p) {
    return literal(policyName(p));
  }

  BoolExpr rule(Policy p, Rule r) {
    return literal(ruleName(p, r));
  }

  BoolExpr admin(AdminPolicy p) {
    return literal(p.toString());
  }

  BoolExpr adminRule(AdminPolicy p, AdminRule r) {
    return literal(p + " " + r.direction().lower() + " rule " + r.index());
  }

  static String policyName(Policy p) {
    return p.id().toString();
  }

  static String ruleName(Policy p, Rule r) {
    return p.id() + " " + r.direction().lower() + " rule " + r.index();
  }

  private BoolExpr literal(String name) {
    return literals.computeIfAbsent(name, n -> ctx.mkBoolConst("track[" + n + "]"));
  }

  /** Every literal created so far, by member name. */
  Map<String, BoolExpr> literals() {
    return literals;
  }
}
