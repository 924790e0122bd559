package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.AdminRuleRef;
import dev.npv.eval.SideDecision;
import dev.npv.model.Direction;
import java.util.Optional;

/**
 * One side of the connection (the source's egress or the destination's ingress): the evaluator's
 * decision of it, and the policies of the endpoint's namespace that isolate that direction, selecting
 * it or not, with their rules as the walk tested them. Not governed (an external address or a
 * hostNetwork pod): no policy applies.
 */
public record SideExplanation(SideDecision decision, String endpoint, ImmutableList<PolicyExplanation> policies) {
  public Direction direction() {
    return decision.direction();
  }

  public boolean governed() {
    return decision.governed();
  }

  public Optional<AdminRuleRef> admin() {
    return decision.admin();
  }

  public Optional<AdminRuleRef> baseline() {
    return decision.baseline();
  }

  /** The admin rule that decided this side (Allow or Deny; a Pass hands over to NetworkPolicy). */
  public Optional<AdminRuleRef> adminVerdict() {
    return decision.adminVerdict();
  }

  public ImmutableList<PolicyExplanation> isolating() {
    return policies.stream().filter(PolicyExplanation::isolates).collect(ImmutableList.toImmutableList());
  }

  public boolean isolated() {
    return decision.isolated();
  }

  /** The evaluator's verdict of this side. */
  public boolean allowed() {
    return decision.allowed();
  }

  /** One line, the words of {@link SideDecision#reason}. */
  public String summary() {
    return decision.reason(endpoint);
  }
}
