package dev.npv.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import java.util.Comparator;

/**
 * A cluster-scoped admin policy of one {@link AdminTier}: a v1alpha1 AdminNetworkPolicy (Admin tier,
 * {@code priority} 0..1000, lower first), the v1alpha1 BaselineAdminNetworkPolicy {@code default}
 * (Baseline tier, no priority), or a v1alpha2 ClusterNetworkPolicy of either tier (priority 0..1000).
 * Rules are evaluated in list order: the first that matches peer and port decides.
 */
public record AdminPolicy(AdminApi api, AdminTier tier, String name, int priority, AdminSubject subject,
                          ImmutableList<AdminRule> ingress, ImmutableList<AdminRule> egress,
                          SourceLocation location) {
  /**
   * Evaluation order within a tier: by priority, lower first. Ties (ANPs and Admin-tier CNPs share the
   * priority scale) go by name, then API, for determinism: the API leaves them undefined. The
   * BaselineAdminNetworkPolicy has no priority; it comes after the Baseline-tier CNPs.
   */
  public static final Comparator<AdminPolicy> ORDER = Comparator.comparing(AdminPolicy::tier)
      .thenComparing(p -> p.api() == AdminApi.BANP)
      .thenComparingInt(AdminPolicy::priority).thenComparing(AdminPolicy::name).thenComparing(AdminPolicy::api);

  public AdminPolicy {
    checkArgument(api == AdminApi.CNP || (api == AdminApi.ANP) == (tier == AdminTier.ADMIN),
        "%s cannot be in the %s tier", api, tier);
  }

  /** A v1alpha1 policy: AdminNetworkPolicy in the Admin tier, BaselineAdminNetworkPolicy in the Baseline. */
  public AdminPolicy(AdminTier tier, String name, int priority, AdminSubject subject, ImmutableList<AdminRule> ingress,
                     ImmutableList<AdminRule> egress, SourceLocation location) {
    this(tier == AdminTier.ADMIN ? AdminApi.ANP : AdminApi.BANP, tier, name, priority, subject, ingress, egress,
        location);
  }

  public ImmutableList<AdminRule> rules(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }

  /** {@code [ANP] name}, {@code [CNP Admin] name}: how reports name an admin policy. */
  public static String display(AdminApi api, AdminTier tier, String name) {
    return "[" + api.tag(tier) + "] " + name;
  }

  @Override
  public String toString() {
    return display(api, tier, name);
  }
}
