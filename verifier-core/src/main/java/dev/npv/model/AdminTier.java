package dev.npv.model;

/**
 * The cluster-wide tiers around NetworkPolicy: the Admin tier (AdminNetworkPolicy, ClusterNetworkPolicy
 * tier Admin) is evaluated before it, the Baseline tier (BaselineAdminNetworkPolicy, ClusterNetworkPolicy
 * tier Baseline) only for pods that no NetworkPolicy isolates.
 */
public enum AdminTier {
  ADMIN("Admin"), BASELINE("Baseline");

  private final String apiName;

  AdminTier(String apiName) {
    this.apiName = apiName;
  }

  /** The value of ClusterNetworkPolicy {@code spec.tier}. */
  public String apiName() {
    return apiName;
  }
}
