package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Direction;
import dev.npv.model.PolicyId;

/**
 * The verdict of one side of a connection: the source's egress or the destination's ingress.
 * {@code governed} is false when that side is not a policy-governed pod (an external address or a
 * hostNetwork pod). {@code isolating} lists the policies that select the pod for this direction;
 * {@code allowedBy} the rules among them that admit the connection.
 */
public record SideDecision(Direction direction, boolean governed, ImmutableList<PolicyId> isolating,
                           ImmutableList<RuleRef> allowedBy) {
  public boolean isolated() {
    return !isolating.isEmpty();
  }

  public boolean allowed() {
    return !isolated() || !allowedBy.isEmpty();
  }

  /** A one-line reason, e.g. "not isolated: no policy selects it for ingress". */
  public String reason() {
    if (!governed) {
      return "not governed by policy (" + (direction == Direction.EGRESS ? "source" : "destination")
          + " is not a policy-selectable pod)";
    }
    if (!isolated()) {
      return "not isolated: no policy selects it for " + direction.lower();
    }
    if (!allowedBy.isEmpty()) {
      return "allowed by " + String.join(", ", allowedBy.stream().map(RuleRef::toString).toList());
    }
    return "isolated for " + direction.lower() + " by "
        + String.join(", ", isolating.stream().map(PolicyId::toString).toList())
        + " and no rule matches";
  }
}
