package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.RuleRef;

/**
 * One rule of an isolating policy against the connection, as the evaluator's walk found it: whether
 * some peer matches (or it has none: every peer) and some port entry matches (or it has none: every
 * port), with each test in words. It admits the connection iff both.
 */
public record RuleExplanation(RuleRef rule, boolean allPeers, ImmutableList<Check> peers, boolean allPorts,
                              ImmutableList<Check> ports, boolean peerMatches, boolean portMatches) {
  public boolean admits() {
    return peerMatches && portMatches;
  }
}
