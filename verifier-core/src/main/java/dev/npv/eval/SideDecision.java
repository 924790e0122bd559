package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import dev.npv.model.AdminAction;
import dev.npv.model.Direction;
import dev.npv.model.PolicyId;
import java.util.Optional;

/**
 * The verdict of one side of a connection: the source's egress or the destination's ingress.
 * {@code governed} is false when that side is not a policy-governed pod (an external address or a
 * hostNetwork pod). {@code isolating} lists the NetworkPolicies that select the pod for this
 * direction; {@code allowedBy} the rules among them that admit the connection. {@code admin} is the
 * first Admin-tier rule that matched (Allow and Deny decide; Pass hands over to NetworkPolicy);
 * {@code baseline} the Baseline-tier rule that decided a side no NetworkPolicy isolates.
 * {@code allowed} is the verdict of the evaluator's walk of the tiers, which also found the rest.
 */
public record SideDecision(Direction direction, boolean governed, ImmutableList<PolicyId> isolating,
                           ImmutableList<RuleRef> allowedBy, Optional<AdminRuleRef> admin,
                           Optional<AdminRuleRef> baseline, boolean allowed) {

  /** A side without admin tiers: allowed when not isolated or some rule admits. */
  public SideDecision(Direction direction, boolean governed, ImmutableList<PolicyId> isolating,
                      ImmutableList<RuleRef> allowedBy) {
    this(direction, governed, isolating, allowedBy, Optional.empty(), Optional.empty(),
        isolating.isEmpty() || !allowedBy.isEmpty());
  }

  public boolean isolated() {
    return !isolating.isEmpty();
  }

  /** The admin rule that decided this side, if Allow or Deny (not Pass). */
  public Optional<AdminRuleRef> adminVerdict() {
    return admin.filter(a -> a.action() != AdminAction.PASS);
  }

  /** A one-line reason, e.g. "not isolated: no policy selects it for ingress". */
  public String reason() {
    return reason(direction == Direction.EGRESS ? "source" : "destination");
  }

  /** {@link #reason()}, naming the endpoint {@code who} where it is not governed by policy. */
  public String reason(String who) {
    if (!governed) {
      return "not governed by policy (" + who + " is not a policy-selectable pod)";
    }
    if (adminVerdict().isPresent()) {
      return (allowed() ? "allowed by " : "denied by ") + adminVerdict().get();
    }
    String passed = admin.map(a -> "passed by " + a + "; ").orElse("");
    if (!isolated()) {
      return passed + baseline.map(b -> "not isolated by any NetworkPolicy for " + direction.lower() + "; "
              + b.baselineReason())
          .orElse("not isolated: no policy selects it for " + direction.lower());
    }
    if (!allowedBy.isEmpty()) {
      return passed + "allowed by " + String.join(", ", allowedBy.stream().map(RuleRef::toString).toList());
    }
    return passed + "isolated for " + direction.lower() + " by "
        + String.join(", ", isolating.stream().map(PolicyId::toString).toList())
        + " and no rule matches";
  }
}
