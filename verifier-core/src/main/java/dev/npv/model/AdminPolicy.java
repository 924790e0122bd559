package dev.npv.model;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import java.util.Comparator;

/**
 * A cluster-scoped AdminNetworkPolicy (tier ADMIN, {@code priority} 0..1000, lower first) or the
 * BaselineAdminNetworkPolicy {@code default} (tier BASELINE, priority unused). Rules are evaluated in
 * list order: the first that matches peer and port decides.
 */
public record AdminPolicy(AdminTier tier, String name, int priority, AdminSubject subject,
                          ImmutableList<AdminRule> ingress, ImmutableList<AdminRule> egress,
                          SourceLocation location) {
  /** ANPs by priority (ties by name, for determinism: the API leaves them undefined), BANP last. */
  public static final Comparator<AdminPolicy> ORDER = Comparator.comparing(AdminPolicy::tier)
      .thenComparingInt(AdminPolicy::priority).thenComparing(AdminPolicy::name);

  public ImmutableList<AdminRule> rules(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }

  @Override
  public String toString() {
    return "[" + tier.tag() + "] " + name;
  }
}
