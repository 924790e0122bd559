package dev.npv.model;

import com.google.common.base.Preconditions;
import dev.npv.diag.SourceLocation;
import java.util.Comparator;
import java.util.Optional;

/**
 * A Calico {@code Tier}: policies of a tier are evaluated together, tiers by {@code order} (omitted:
 * last, "infinite"), ties by name. A tier whose policies select an endpoint but none decides ends with
 * {@code defaultAction} (Deny unless Pass). The {@code default} tier has order 1,000,000
 * ({@code DefaultTierOrder} in projectcalico/api tier.go) when no Tier manifest declares it.
 */
public record CalicoTier(String name, Optional<Double> order, CalicoAction defaultAction, boolean declared,
                         SourceLocation location) {
  public static final String DEFAULT = "default";
  public static final double DEFAULT_ORDER = 1_000_000;

  /** Order then name; an omitted order sorts last. */
  public static final Comparator<CalicoTier> ORDER = Comparator
      .comparing((CalicoTier t) -> t.order().orElse(Double.POSITIVE_INFINITY)).thenComparing(CalicoTier::name);

  public CalicoTier {
    Preconditions.checkArgument(
        defaultAction == CalicoAction.DENY || defaultAction == CalicoAction.PASS, "defaultAction is Deny or Pass");
  }

  /** The default tier as Calico creates it when no manifest declares it. */
  public static CalicoTier implicitDefault() {
    return new CalicoTier(DEFAULT, Optional.of(DEFAULT_ORDER), CalicoAction.DENY, false, SourceLocation.UNKNOWN);
  }
}
