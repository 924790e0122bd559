package dev.npv.verify;

import dev.npv.diag.SourceLocation;
import dev.npv.model.Direction;
import java.util.OptionalInt;

/**
 * A policy rule (or, for a denial, a whole isolating policy) that decides a counterexample, with the
 * manifest position to cite: SARIF relatedLocations and report "see" lines point here.
 */
public record DecidingRule(Role role, String policy, Direction direction, OptionalInt rule,
                           SourceLocation location) {
  /**
   * ALLOWS: a rule that admits the connection; ISOLATES: a policy that isolates the side that drops it;
   * DENIES: an admin rule (AdminNetworkPolicy or BaselineAdminNetworkPolicy Deny) that drops it.
   */
  public enum Role { ALLOWS, ISOLATES, DENIES }

  /** e.g. "myapp/allow-frontend ingress rule 0 allows it" or "myapp/deny-all isolates ingress". */
  public String describe() {
    return switch (role) {
      case ALLOWS -> policy + " " + direction.lower() + " rule " + rule.orElse(0) + " allows it";
      case DENIES -> policy + " " + direction.lower() + " rule " + rule.orElse(0) + " denies it";
      case ISOLATES -> policy + " isolates " + direction.lower() + " and none of its rules match";
    };
  }
}
