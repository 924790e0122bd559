package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * For one direction and a numbered list of endpoints: which endpoints the rules of each endpoint's
 * isolating policies could match as peers, i.e. {@link ReferenceEvaluator#admitsPeer} for every
 * pair, computed in bulk. Each distinct peer (see ReferenceEvaluator#peerKey) is matched against
 * every endpoint once; rules, policies and isolation groups are then unions of bit sets. This turns a quadratic
 * number of selector evaluations into a quadratic number of bit operations.
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
    Builder b = new Builder(evaluator, direction, endpoints);
    Map<ImmutableList<Policy>, Integer> groups = new HashMap<>();
    int[] groupOf = new int[endpoints.size()];
    List<BitSet> admitted = new java.util.ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      ImmutableList<Policy> key = isolation.get(i).get(direction);
      Integer g = groups.get(key);
      if (g == null) {
        g = admitted.size();
        groups.put(key, g);
        admitted.add(b.group(key));
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

  /** Memoises bit sets per peer and per policy; mirrors ReferenceEvaluator#admitsPeer. */
  private static final class Builder {
    private final ReferenceEvaluator evaluator;
    private final Direction direction;
    private final List<? extends Endpoint> endpoints;
    private final BitSet all;
    private final Map<Policy, BitSet> byPolicy = new IdentityHashMap<>();
    private final Map<Object, BitSet> byPeer = new HashMap<>();

    Builder(ReferenceEvaluator evaluator, Direction direction, List<? extends Endpoint> endpoints) {
      this.evaluator = evaluator;
      this.direction = direction;
      this.endpoints = endpoints;
      this.all = new BitSet(endpoints.size());
      all.set(0, endpoints.size());
    }

    /** Not isolated: every peer. Isolated: the union of its policies (policies are additive). */
    BitSet group(List<Policy> isolating) {
      if (isolating.isEmpty() || evaluator.hasAdminTiers()) { // an admin Allow may admit any peer
        return all;
      }
      BitSet out = new BitSet(endpoints.size());
      for (Policy p : isolating) {
        out.or(byPolicy.computeIfAbsent(p, this::policy));
      }
      return out;
    }

    /** A rule without peers admits every peer; otherwise its peers are ORed. */
    private BitSet policy(Policy p) {
      BitSet out = new BitSet(endpoints.size());
      for (Rule r : p.rules(direction)) {
        if (r.allPeers()) {
          return all;
        }
        for (Peer peer : r.peers()) {
          out.or(byPeer.computeIfAbsent(ReferenceEvaluator.peerKey(p, peer), k -> peer(p, peer)));
        }
      }
      return out;
    }

    private BitSet peer(Policy p, Peer peer) {
      BitSet out = new BitSet(endpoints.size());
      for (int j = 0; j < endpoints.size(); j++) {
        if (evaluator.peerMatches(p, peer, endpoints.get(j))) {
          out.set(j);
        }
      }
      return out;
    }
  }
}
