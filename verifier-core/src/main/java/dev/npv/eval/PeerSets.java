package dev.npv.eval;

import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import java.util.List;

/**
 * "Which peers" in some representation: a yes/no for one endpoint (the walk), or a bit set over many
 * endpoints (the {@link PeerMatrix} pre-filter). The NetworkPolicy rules that combine peers are
 * written once, in {@link #rule} and {@link #side}, over any of them.
 *
 * @param <S> the representation of a set of peers
 */
interface PeerSets<S> {
  /** Every peer. */
  S every();

  /** No peer. */
  S none();

  /**
   * The peers one peer matches; {@code ownNamespace} is where a pod peer without namespaceSelector
   * looks (its policy's namespace).
   */
  S peer(String ownNamespace, Peer peer);

  /**
   * The peers of both. {@code a} is always an accumulator begun by {@link #none} (or what an earlier
   * union returned), so an implementation may change and return it; {@code b} it must not change.
   */
  S union(S a, S b);

  /** True when {@code acc} holds every peer that matters, so the rest of a union may be skipped. */
  default boolean complete(S acc) {
    return false;
  }

  /** Peers are ORed; none matches nothing (an admin rule's; the API requires one). */
  default S any(String ownNamespace, List<Peer> peers) {
    S out = none();
    for (Peer p : peers) {
      if (complete(out)) {
        return out;
      }
      out = union(out, peer(ownNamespace, p));
    }
    return out;
  }

  /** An admin rule: every pod peer carries a namespaceSelector, so there is no own namespace. */
  default S admin(List<Peer> peers) {
    return any("", peers);
  }

  /** A NetworkPolicy rule without peers admits every peer; otherwise its peers are ORed. */
  default S rule(Policy policy, Rule rule) {
    return rule.allPeers() ? every() : any(policy.namespace(), rule.peers());
  }

  /**
   * The peers a side could admit, ports aside: not isolated, every peer; isolated, those some rule of
   * some isolating policy matches (policies are additive). With admin tiers, every peer: an admin
   * Allow may admit any.
   */
  default S side(Direction direction, List<Policy> isolating, boolean adminTiers) {
    if (isolating.isEmpty() || adminTiers) {
      return every();
    }
    S out = none();
    for (Policy p : isolating) {
      out = union(out, policy(direction, p));
    }
    return out;
  }

  /** The peers some rule of {@code policy} for {@code direction} matches. */
  default S policy(Direction direction, Policy policy) {
    S out = none();
    for (Rule r : policy.rules(direction)) {
      out = union(out, rule(policy, r));
    }
    return out;
  }
}
