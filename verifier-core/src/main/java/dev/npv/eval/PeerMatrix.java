package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * For one direction and a numbered list of endpoints: which endpoints the rules of each endpoint's
 * isolating policies could match as peers, i.e. {@link ReferenceEvaluator#admitsPeer} for every
 * pair, computed in bulk. Both are {@link PeerSets#side}, here over bit sets: each distinct peer (see
 * ReferenceEvaluator#peerKey) is matched against every endpoint once; rules, policies and isolation
 * groups are then unions of bit sets. This turns a quadratic number of selector evaluations into a
 * quadratic number of bit operations.
 */
public final class PeerMatrix {
  private final int[] groupOf;
  private final BitSet[] admitted;

  private PeerMatrix(int[] groupOf, BitSet[] admitted) {
    this.groupOf = groupOf;
    this.admitted = admitted;
  }

  /** {@code isolation.get(i)} must be {@code evaluator.isolation(endpoints.get(i))}. */
  public static PeerMatrix of(ReferenceEvaluator evaluator, Direction direction,
                              List<? extends Endpoint> endpoints, List<Isolation> isolation) {
    BitSets sets = new BitSets(evaluator, endpoints);
    Map<ImmutableList<Policy>, Integer> groups = new HashMap<>();
    int[] groupOf = new int[endpoints.size()];
    List<BitSet> admitted = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      ImmutableList<Policy> key = isolation.get(i).get(direction);
      Integer g = groups.get(key);
      if (g == null) {
        g = admitted.size();
        groups.put(key, g);
        admitted.add(sets.side(direction, key, evaluator.hasAdminTiers()));
      }
      groupOf[i] = g;
    }
    return new PeerMatrix(groupOf, admitted.toArray(BitSet[]::new));
  }

  /** The peers endpoint {@code self} may admit (a shared set: do not modify it). */
  public BitSet admittedBy(int self) {
    return admitted[groupOf[self]];
  }

  public boolean admits(int self, int peer) {
    return admitted[groupOf[self]].get(peer);
  }

  /** Sets of endpoints as bit sets, each distinct peer's and each policy's rules' memoised. */
  private static final class BitSets implements PeerSets<BitSet> {
    private final ReferenceEvaluator evaluator;
    private final List<? extends Endpoint> endpoints;
    private final BitSet all;
    private final Map<Object, BitSet> byPeer = new HashMap<>();
    private final Map<Policy, BitSet> byPolicy = new IdentityHashMap<>();

    BitSets(ReferenceEvaluator evaluator, List<? extends Endpoint> endpoints) {
      this.evaluator = evaluator;
      this.endpoints = endpoints;
      this.all = new BitSet(endpoints.size());
      all.set(0, endpoints.size());
    }

    @Override
    public BitSet every() {
      return all;
    }

    @Override
    public BitSet none() {
      return new BitSet(endpoints.size());
    }

    @Override
    public BitSet peer(String ownNamespace, Peer peer) {
      return byPeer.computeIfAbsent(ReferenceEvaluator.peerKey(ownNamespace, peer), k -> {
        BitSet out = new BitSet(endpoints.size());
        for (int j = 0; j < endpoints.size(); j++) {
          if (evaluator.verdict(ownNamespace, peer, endpoints.get(j)).matches()) {
            out.set(j);
          }
        }
        return out;
      });
    }

    @Override
    public BitSet union(BitSet a, BitSet b) {
      a.or(b); // a is an accumulator of ours; b may be shared (memoised, or every())
      return a;
    }

    /** Once per policy (and direction, which is one per matrix): groups of endpoints share policies. */
    @Override
    public BitSet policy(Direction direction, Policy policy) {
      BitSet known = byPolicy.get(policy);
      if (known == null) {
        known = PeerSets.super.policy(direction, policy);
        byPolicy.put(policy, known);
      }
      return known;
    }
  }
}
