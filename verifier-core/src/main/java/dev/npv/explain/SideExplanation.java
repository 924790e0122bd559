package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Direction;

/**
 * One side of the connection (the source's egress or the destination's ingress). {@code governed}
 * is false for an external address or a hostNetwork pod: no policy applies. {@code policies} are the
 * policies of the endpoint's namespace that isolate that direction, selecting it or not.
 */
public record SideExplanation(Direction direction, String endpoint, boolean governed,
                              ImmutableList<PolicyExplanation> policies) {
  public ImmutableList<PolicyExplanation> isolating() {
    return policies.stream().filter(PolicyExplanation::isolates).collect(ImmutableList.toImmutableList());
  }

  public boolean isolated() {
    return governed && !isolating().isEmpty();
  }

  /** Not isolated, or some rule of some isolating policy admits the connection (policies are additive). */
  public boolean allowed() {
    return !isolated() || isolating().stream().anyMatch(PolicyExplanation::admits);
  }

  /** One line, in the words of {@link dev.npv.eval.SideDecision#reason}. */
  public String summary() {
    if (!governed) {
      return "not governed by policy (" + endpoint + " is not a policy-selectable pod)";
    }
    if (!isolated()) {
      return "not isolated: no policy selects it for " + direction.lower();
    }
    ImmutableList<String> admitting = isolating().stream().flatMap(p -> p.rules().stream())
        .filter(RuleExplanation::admits).map(r -> r.rule().toString()).collect(ImmutableList.toImmutableList());
    if (!admitting.isEmpty()) {
      return "allowed by " + String.join(", ", admitting);
    }
    return "isolated for " + direction.lower() + " by "
        + String.join(", ", isolating().stream().map(p -> p.policy().toString()).toList()) + " and no rule matches";
  }
}
