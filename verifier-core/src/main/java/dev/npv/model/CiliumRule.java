package dev.npv.model;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;

/**
 * One Cilium rule (pkg/policy/api Rule): the {@code spec} or an entry of {@code specs} of a Cilium
 * policy. {@code where} names it in its policy ({@code spec}, {@code specs[1]}).
 *
 * <p>{@code defaultDeny} says, per direction, whether the rule puts its subjects into default deny
 * there, after defaulting: {@code enableDefaultDeny.<direction>} when given, else whether the rule has
 * {@code <direction>} or {@code <direction>Deny} entries ("If not specified, the default is true for
 * each traffic direction that has rules, and false otherwise"; rule.go). An endpoint is default-deny
 * in a direction when any rule selecting it says so; then only what some allow admits passes.
 */
public record CiliumRule(String where, CiliumSubject subject, ImmutableList<CiliumPeerRule> ingress,
                         ImmutableList<CiliumPeerRule> ingressDeny, ImmutableList<CiliumPeerRule> egress,
                         ImmutableList<CiliumPeerRule> egressDeny, boolean defaultDenyIngress,
                         boolean defaultDenyEgress, SourceLocation location) {

  public ImmutableList<CiliumPeerRule> allows(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }

  public ImmutableList<CiliumPeerRule> denies(Direction d) {
    return d == Direction.INGRESS ? ingressDeny : egressDeny;
  }

  public boolean defaultDeny(Direction d) {
    return d == Direction.INGRESS ? defaultDenyIngress : defaultDenyEgress;
  }

  /** Whether the rule has allow or deny entries for {@code d} (whether it applies there at all). */
  public boolean hasRules(Direction d) {
    return !allows(d).isEmpty() || !denies(d).isEmpty();
  }

  @Override
  public String toString() {
    return where;
  }
}
