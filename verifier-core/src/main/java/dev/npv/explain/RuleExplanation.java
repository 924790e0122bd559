package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.RuleRef;

/**
 * One rule of an isolating policy against the connection: it admits it iff some peer matches (or it
 * has none: every peer) and some port entry matches (or it has none: every port).
 */
public record RuleExplanation(RuleRef rule, boolean allPeers, ImmutableList<Check> peers, boolean allPorts,
                              ImmutableList<Check> ports) {
  public boolean peerMatches() {
    return allPeers || peers.stream().anyMatch(Check::matches);
  }

  public boolean portMatches() {
    return allPorts || ports.stream().anyMatch(Check::matches);
  }

  public boolean admits() {
    return peerMatches() && portMatches();
  }
}
