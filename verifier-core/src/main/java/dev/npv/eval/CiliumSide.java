package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Direction;

/**
 * The Cilium policies' view of one side of a connection. {@code selecting}: the rules that select the
 * endpoint and apply to the direction; {@code defaultDeny}: whether one of them puts it into default
 * deny; {@code allowed}/{@code denied}: whether some allow / deny entry matches the connection.
 *
 * <p>How Cilium combines the policies selecting an endpoint (Kubernetes NetworkPolicies included, which
 * Cilium enforces as rules of its own): allows add up, a matching deny wins over every allow ("Deny
 * policies take precedence over allow policies", language.rst), and without default deny everything
 * not denied passes. {@link #combine} says that in three values.
 */
public record CiliumSide(Direction direction, ImmutableList<CiliumRuleRef> selecting, Truth defaultDeny,
                         Truth allowed, Truth denied, ImmutableList<CiliumRuleRef> allows,
                         ImmutableList<CiliumRuleRef> denies) {

  /**
   * The side's verdict together with the NetworkPolicies of the endpoint: {@code npIsolates} whether a
   * NetworkPolicy isolates it for the direction, {@code npAllows} whether one of their rules admits the
   * connection. YES allowed, NO denied, MAYBE unknown to npv.
   */
  public Truth combine(boolean npIsolates, boolean npAllows) {
    Truth isolated = Truth.of(npIsolates).or(defaultDeny);
    Truth admitted = isolated.not().or(Truth.of(npAllows)).or(allowed);
    return admitted.and(denied.not());
  }

  /** Whether no Cilium rule applies to this side at all. */
  public boolean untouched() {
    return selecting.isEmpty();
  }
}
