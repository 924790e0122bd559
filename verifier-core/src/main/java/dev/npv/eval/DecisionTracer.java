package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.RangeSet;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.AdminTier;
import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.PolicyPort;
import dev.npv.model.Rule;
import java.util.Optional;

/**
 * Records, from the walk of one side on one port, what a {@link SideDecision} reports: the admitting
 * NetworkPolicy rules and the first Admin- and Baseline-tier rules that matched. Every event goes on
 * to {@code also} (an explanation's tracer, or {@link Tracer#NONE}).
 */
final class DecisionTracer implements Tracer {
  private final Direction direction;
  private final Tracer also;
  private final ImmutableList.Builder<RuleRef> allowedBy = ImmutableList.builder();
  private Optional<AdminRuleRef> admin = Optional.empty();
  private Optional<AdminRuleRef> baseline = Optional.empty();

  DecisionTracer(Direction direction, Tracer also) {
    this.direction = direction;
    this.also = also;
  }

  SideDecision decision(boolean governed, ImmutableList<PolicyId> isolating, boolean allowed) {
    return new SideDecision(direction, governed, isolating, allowedBy.build(), admin, baseline, allowed);
  }

  @Override
  public boolean exhaustive() {
    return also.exhaustive();
  }

  @Override
  public void selection(Policy policy, boolean selects) {
    also.selection(policy, selects);
  }

  @Override
  public void peer(Peer peer, PeerVerdict verdict) {
    also.peer(peer, verdict);
  }

  @Override
  public void portEntry(PolicyPort entry, RangeSet<Integer> ports) {
    also.portEntry(entry, ports);
  }

  @Override
  public void rule(Policy policy, Rule rule, boolean peerMatches, boolean portMatches) {
    if (peerMatches && portMatches) {
      allowedBy.add(new RuleRef(policy.id(), direction, rule.index(), rule.location()));
    }
    also.rule(policy, rule, peerMatches, portMatches);
  }

  @Override
  public void adminRule(AdminPolicy policy, AdminRule rule) {
    // On one port each tier has at most one matching rule: it takes the port.
    if (policy.tier() == AdminTier.ADMIN) {
      admin = Optional.of(AdminRuleRef.of(policy, rule));
    } else {
      baseline = Optional.of(AdminRuleRef.of(policy, rule));
    }
    also.adminRule(policy, rule);
  }
}
