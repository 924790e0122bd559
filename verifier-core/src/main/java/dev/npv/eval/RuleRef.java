package dev.npv.eval;

import dev.npv.diag.SourceLocation;
import dev.npv.model.Direction;
import dev.npv.model.PolicyId;

/** Points at one rule of one policy, for explanations: {@code ns/name ingress rule 0}. */
public record RuleRef(PolicyId policy, Direction direction, int index, SourceLocation location)
    implements Comparable<RuleRef> {
  @Override
  public int compareTo(RuleRef o) {
    int c = policy.compareTo(o.policy);
    if (c != 0) {
      return c;
    }
    c = direction.compareTo(o.direction);
    return c != 0 ? c : Integer.compare(index, o.index);
  }

  @Override
  public String toString() {
    return policy + " " + direction.lower() + " rule " + index;
  }
}
