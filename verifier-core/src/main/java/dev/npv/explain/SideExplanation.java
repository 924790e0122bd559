package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.AdminRuleRef;
import dev.npv.model.AdminAction;
import dev.npv.model.Direction;
import java.util.Optional;

/**
 * One side of the connection (the source's egress or the destination's ingress). {@code governed}
 * is false for an external address or a hostNetwork pod: no policy applies. {@code policies} are the
 * policies of the endpoint's namespace that isolate that direction, selecting it or not.
 */
public record SideExplanation(Direction direction, String endpoint, boolean governed,
                              ImmutableList<PolicyExplanation> policies, Optional<AdminRuleRef> admin,
                              Optional<AdminRuleRef> baseline) {

  /** A side in a cluster without admin tiers. */
  public SideExplanation(Direction direction, String endpoint, boolean governed,
                         ImmutableList<PolicyExplanation> policies) {
    this(direction, endpoint, governed, policies, Optional.empty(), Optional.empty());
  }

  /** The admin rule that decided this side (Allow or Deny; a Pass hands over to NetworkPolicy). */
  public Optional<AdminRuleRef> adminVerdict() {
    return admin.filter(a -> a.action() != AdminAction.PASS);
  }

  public ImmutableList<PolicyExplanation> isolating() {
    return policies.stream().filter(PolicyExplanation::isolates).collect(ImmutableList.toImmutableList());
  }

  public boolean isolated() {
    return governed && !isolating().isEmpty();
  }

  /**
   * The tiers in order: an admin Allow/Deny decides; else NetworkPolicy (not isolated, or some rule of
   * some isolating policy admits: policies are additive); a pod no NetworkPolicy isolates then goes to
   * the baseline, if one of its rules matches.
   */
  public boolean allowed() {
    if (adminVerdict().isPresent()) {
      return adminVerdict().get().action() == AdminAction.ALLOW;
    }
    if (isolated()) {
      return isolating().stream().anyMatch(PolicyExplanation::admits);
    }
    return baseline.map(AdminRuleRef::baselineAllows).orElse(true);
  }

  /** One line, in the words of {@link dev.npv.eval.SideDecision#reason}. */
  public String summary() {
    if (!governed) {
      return "not governed by policy (" + endpoint + " is not a policy-selectable pod)";
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
    if (!passed.isEmpty()) {
      return passed + summaryOfNetworkPolicy();
    }
    return summaryOfNetworkPolicy();
  }

  private String summaryOfNetworkPolicy() {
    ImmutableList<String> admitting = isolating().stream().flatMap(p -> p.rules().stream())
        .filter(RuleExplanation::admits).map(r -> r.rule().toString()).collect(ImmutableList.toImmutableList());
    if (!admitting.isEmpty()) {
      return "allowed by " + String.join(", ", admitting);
    }
    return "isolated for " + direction.lower() + " by "
        + String.join(", ", isolating().stream().map(p -> p.policy().toString()).toList()) + " and no rule matches";
  }
}
