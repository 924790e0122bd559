package dev.npv.eval;

import dev.npv.diag.SourceLocation;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.AdminTier;
import dev.npv.model.Direction;
import java.util.Optional;

/**
 * Points at the admin rule that matched one side of a connection, for explanations:
 * {@code [ANP] tenant-isolation ingress rule 2 (deny-others) Deny}.
 */
public record AdminRuleRef(AdminTier tier, String policy, Direction direction, int index,
                           Optional<String> ruleName, AdminAction action, SourceLocation location) {
  static AdminRuleRef of(AdminPolicy p, AdminRule r) {
    return new AdminRuleRef(p.tier(), p.name(), r.direction(), r.index(), r.name(), r.action(), r.location());
  }

  /** {@code [ANP] name}, as the policy is named in reports. */
  public String policyDisplay() {
    return "[" + tier.tag() + "] " + policy;
  }

  @Override
  public String toString() {
    return policyDisplay() + " " + direction.lower() + " rule " + index
        + ruleName.map(n -> " (" + n + ")").orElse("") + " " + action.apiName();
  }
}
