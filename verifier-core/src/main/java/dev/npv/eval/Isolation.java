package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Direction;
import dev.npv.model.Policy;

/**
 * The policies that isolate one endpoint, per direction, as {@link ReferenceEvaluator#isolation}
 * computes them. Precomputed once per endpoint so that many connections from or to it can be asked
 * without scanning every policy of its namespace again.
 */
public record Isolation(ImmutableList<Policy> ingress, ImmutableList<Policy> egress) {
  /** Not isolated in either direction: external addresses, hostNetwork and unselected pods. */
  public static final Isolation NONE = new Isolation(ImmutableList.of(), ImmutableList.of());

  public ImmutableList<Policy> get(Direction d) {
    return d == Direction.INGRESS ? ingress : egress;
  }

  public boolean isolated(Direction d) {
    return !get(d).isEmpty();
  }
}
