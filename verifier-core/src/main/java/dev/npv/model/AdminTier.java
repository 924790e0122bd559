package dev.npv.model;

/**
 * The cluster-wide tiers around NetworkPolicy: AdminNetworkPolicy is evaluated before it,
 * BaselineAdminNetworkPolicy only for pods that no NetworkPolicy isolates.
 */
public enum AdminTier {
  ADMIN("ANP", "AdminNetworkPolicy"), BASELINE("BANP", "BaselineAdminNetworkPolicy");

  private final String tag;
  private final String kind;

  AdminTier(String tag, String kind) {
    this.tag = tag;
    this.kind = kind;
  }

  /** The short tag used in explanations: {@code [ANP]}. */
  public String tag() {
    return tag;
  }

  public String kind() {
    return kind;
  }
}
