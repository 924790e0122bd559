package dev.npv.eval;

import com.google.common.collect.RangeSet;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.Rule;

/**
 * What the reference evaluator's one walk of a side (Admin tier, NetworkPolicy, Baseline tier)
 * reports as it decides, for whoever wants the reasons: the decision records of {@code decide} and
 * {@code npv explain} are tracers over the same walk, so their reasons cannot disagree with its verdict
 * (batfish's {@code AclTracer} over its ACL evaluator, likewise). Every method is told a fact the walk
 * has already computed; a tracer never decides anything. {@link #NONE} records nothing (bulk queries).
 */
public interface Tracer {
  Tracer NONE = new Tracer() {
  };

  /**
   * True when the walk should test every peer and port entry of every NetworkPolicy rule, not only as
   * many as the verdict needs (explanations list each test).
   */
  default boolean exhaustive() {
    return false;
  }

  /** A NetworkPolicy of the pod's namespace that isolates this direction: whether it selects the pod. */
  default void selection(Policy policy, boolean selects) {
  }

  /** One peer of the NetworkPolicy rule being walked, against the other end. */
  default void peer(Peer peer, PeerVerdict verdict) {
  }

  /** One port entry of the NetworkPolicy rule being walked: the ports of its protocol it admits. */
  default void portEntry(PolicyPort entry, RangeSet<Integer> ports) {
  }

  /**
   * A NetworkPolicy rule, after its peers and port entries: whether the peer matches and whether its
   * ports admit some of the ports asked about (it admits those iff both).
   */
  default void rule(Policy policy, Rule rule, boolean peerMatches, boolean portMatches) {
  }

  /**
   * An admin rule that matched the peer and some of the ports still undecided in its tier (for one
   * port: the first rule that matches, which decides or passes).
   */
  default void adminRule(AdminPolicy policy, AdminRule rule) {
  }
}
