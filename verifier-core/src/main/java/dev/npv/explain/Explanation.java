package dev.npv.explain;

import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;

/**
 * Why one concrete connection is allowed or denied: both sides, each rule, each peer and port, all
 * recorded from the evaluator's own walk ({@code decision}).
 */
public record Explanation(ConnectionDecision decision, SideExplanation egress, SideExplanation ingress) {
  public Connection connection() {
    return decision.connection();
  }

  /** The evaluator's verdict. */
  public boolean allowed() {
    return decision.allowed();
  }
}
