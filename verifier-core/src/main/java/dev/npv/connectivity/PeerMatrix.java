package dev.npv.connectivity;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Isolation;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Direction;
import dev.npv.model.Policy;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * For one direction, which endpoints each endpoint's rules could match as peers, from
 * {@link ReferenceEvaluator#admitsPeer}. That answer depends only on the isolating policies, so it
 * is computed once per distinct set of isolating policies (few, in real clusters) instead of once
 * per pair: this turns the quadratic pair scan into bit tests.
 */
final class PeerMatrix {
  private final int[] groupOf;
  private final BitSet[] admitted;

  private PeerMatrix(int[] groupOf, BitSet[] admitted) {
    this.groupOf = groupOf;
    this.admitted = admitted;
  }

  static PeerMatrix of(ReferenceEvaluator evaluator, Direction direction, List<? extends Endpoint> endpoints,
                       List<Isolation> isolation) {
    Map<List<Policy>, Integer> groups = new HashMap<>();
    int[] groupOf = new int[endpoints.size()];
    List<Isolation> representatives = new java.util.ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      ImmutableList<Policy> key = isolation.get(i).get(direction);
      Integer g = groups.get(key);
      if (g == null) {
        g = representatives.size();
        groups.put(key, g);
        representatives.add(isolation.get(i));
      }
      groupOf[i] = g;
    }
    BitSet[] admitted = IntStream.range(0, representatives.size()).parallel().mapToObj(g -> {
      BitSet bits = new BitSet(endpoints.size());
      for (int j = 0; j < endpoints.size(); j++) {
        if (evaluator.admitsPeer(representatives.get(g), direction, endpoints.get(j))) {
          bits.set(j);
        }
      }
      return bits;
    }).toArray(BitSet[]::new);
    return new PeerMatrix(groupOf, admitted);
  }

  /** The endpoints whose rules (of this matrix's direction) may match {@code peer}'s. */
  BitSet admittedBy(int self) {
    return admitted[groupOf[self]];
  }

  boolean admits(int self, int peer) {
    return admitted[groupOf[self]].get(peer);
  }
}
