package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.model.PolicyId;

/**
 * A policy of the endpoint's namespace: whether it selects the endpoint for the direction
 * ({@code selection} says why), and if so how each of its rules for that direction fares.
 */
public record PolicyExplanation(PolicyId policy, SourceLocation location, Check selection,
                                ImmutableList<RuleExplanation> rules) {
  public boolean isolates() {
    return selection.matches();
  }
}
