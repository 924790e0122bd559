package dev.npv.eval;

import dev.npv.diag.SourceLocation;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminApi;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.AdminTier;
import dev.npv.model.Direction;
import java.util.Optional;

/**
 * Points at the admin rule that matched one side of a connection, for explanations:
 * {@code [ANP] tenant-isolation ingress rule 2 (deny-others) Deny}, {@code [CNP Admin] scrape ingress rule 0 Accept}.
 */
public record AdminRuleRef(AdminApi api, AdminTier tier, String policy, Direction direction, int index,
                           Optional<String> ruleName, AdminAction action, SourceLocation location) {
  static AdminRuleRef of(AdminPolicy p, AdminRule r) {
    return new AdminRuleRef(p.api(), p.tier(), p.name(), r.direction(), r.index(), r.name(), r.action(), r.location());
  }

  /** {@code [ANP] name}, as the policy is named in reports. */
  public String policyDisplay() {
    return AdminPolicy.display(api, tier, policy);
  }

  /**
   * The verdict of a Baseline-tier rule: Deny denies; Allow allows, and so does Pass, which skips the
   * rest of the Baseline tier to the default ("all pods can communicate", ClusterNetworkPolicySpec.tier).
   */
  public boolean baselineAllows() {
    return action != AdminAction.DENY;
  }

  /** {@code allowed by <rule>}, {@code denied by <rule>} or, for a baseline Pass, what it passes to. */
  public String baselineReason() {
    return action == AdminAction.PASS ? "passed by " + this + " to the default tier; allowed"
        : (baselineAllows() ? "allowed by " : "denied by ") + this;
  }

  @Override
  public String toString() {
    return policyDisplay() + " " + direction.lower() + " rule " + index
        + ruleName.map(n -> " (" + n + ")").orElse("") + " " + action.apiName(api);
  }
}
