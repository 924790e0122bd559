package dev.npv.model;

import java.util.Optional;

/**
 * What a matching admin rule does (policy.networking.k8s.io/v1alpha1 AdminNetworkPolicyRuleAction):
 * Allow and Deny are final; Pass skips the remaining AdminNetworkPolicy rules and hands the
 * connection to NetworkPolicy (then BaselineAdminNetworkPolicy). Baseline rules have no Pass.
 */
public enum AdminAction {
  ALLOW("Allow"), DENY("Deny"), PASS("Pass");

  private final String apiName;

  AdminAction(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<AdminAction> parse(String text) {
    for (AdminAction a : values()) {
      if (a.apiName.equals(text)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
