package dev.npv.explain;

import dev.npv.eval.Connection;

/** Why one concrete connection is allowed or denied: both sides, each rule, each peer and port. */
public record Explanation(Connection connection, SideExplanation egress, SideExplanation ingress) {
  /** Allowed iff both sides allow it. */
  public boolean allowed() {
    return egress.allowed() && ingress.allowed();
  }
}
