package dev.npv.model;

/**
 * The policy.networking.k8s.io kind an admin policy was written as, kept for display and for the
 * action names of that API version: v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy, or
 * v1alpha2 or v1beta1 ClusterNetworkPolicy (either tier; the two versions share action names and
 * semantics, so one constant stands for both). The semantics come from {@link AdminTier} alone.
 */
public enum AdminApi {
  ANP("AdminNetworkPolicy"), BANP("BaselineAdminNetworkPolicy"), CNP("ClusterNetworkPolicy");

  private final String kind;

  AdminApi(String kind) {
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }

  /** The short tag of reports: {@code ANP}, {@code BANP}, {@code CNP Admin}, {@code CNP Baseline}. */
  public String tag(AdminTier tier) {
    return this == CNP ? name() + " " + tier.apiName() : name();
  }
}
