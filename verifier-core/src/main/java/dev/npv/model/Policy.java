package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.SourceLocation;

/**
 * A networking.k8s.io/v1 NetworkPolicy after defaulting. {@code types} holds the directions the
 * policy isolates (its effective policyTypes). A pod it selects is isolated in those directions and
 * admits exactly what {@code ingress}/{@code egress} rules of some selecting policy allow.
 */
public record Policy(PolicyId id, LabelSelector podSelector, ImmutableSet<Direction> types,
                     ImmutableList<Rule> ingress, ImmutableList<Rule> egress, SourceLocation location) {
  public boolean isolates(Direction d) {
    return types.contains(d);
  }

  public ImmutableList<Rule> rules(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }

  public String namespace() {
    return id.namespace();
  }
}
