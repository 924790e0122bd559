package dev.npv.model;

import java.util.Optional;

/**
 * What a matching admin rule does. Allow (v1alpha1; v1alpha2 calls it Accept) and Deny are final;
 * Pass skips the remaining rules of its tier: in the Admin tier the connection goes to NetworkPolicy
 * (then the Baseline tier), in the Baseline tier to the default, which allows. v1alpha1 baseline rules
 * have no Pass.
 */
public enum AdminAction {
  ALLOW("Allow", "Accept"), DENY("Deny", "Deny"), PASS("Pass", "Pass");

  private final String apiName;
  private final String v1alpha2Name;

  AdminAction(String apiName, String v1alpha2Name) {
    this.apiName = apiName;
    this.v1alpha2Name = v1alpha2Name;
  }

  /** The v1alpha1 name. */
  public String apiName() {
    return apiName;
  }

  /** The name in the API the rule was written in: ClusterNetworkPolicy says Accept for Allow. */
  public String apiName(AdminApi api) {
    return api == AdminApi.CNP ? v1alpha2Name : apiName;
  }

  /** A v1alpha1 action (Allow, Deny, Pass; case-sensitive). */
  public static Optional<AdminAction> parse(String text) {
    return parse(text, AdminApi.ANP);
  }

  public static Optional<AdminAction> parse(String text, AdminApi api) {
    for (AdminAction a : values()) {
      if (a.apiName(api).equals(text)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
