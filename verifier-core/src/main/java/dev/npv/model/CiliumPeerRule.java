package dev.npv.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * One entry of a Cilium rule's {@code ingress}, {@code ingressDeny}, {@code egress} or {@code egressDeny}
 * list (IngressRule, IngressDenyRule, EgressRule, EgressDenyRule in pkg/policy/api). It matches a
 * connection when one of its {@code peers} is the remote end and its L4 part admits the connection:
 * with neither {@code toPorts} nor {@code icmps} every protocol and port; otherwise one of the
 * {@code toPorts} entries (the {@code icmps} match only ICMP, which npv's connections never are).
 * An entry with no L3 field and no L4 field (e.g. {@code ingress: [{}]}) has no peers: it matches
 * nothing, though it still puts the subject into default deny.
 *
 * <p>{@code authentication} is the required mutual-authentication mode when it restricts the allowed
 * traffic (e.g. {@code required}); like L7 rules, such traffic is allowed "for some requests only".
 */
public record CiliumPeerRule(Direction direction, boolean deny, int index, ImmutableList<CiliumPeer> peers,
                             ImmutableList<CiliumPortRule> toPorts, ImmutableList<CiliumIcmp> icmps,
                             Optional<String> authentication, SourceLocation location) {
  public CiliumPeerRule {
    checkArgument(!deny || authentication.isEmpty(), "deny rules have no authentication");
    checkArgument(!deny || toPorts.stream().allMatch(p -> p.l7().isEmpty()), "deny rules have no L7 part");
  }

  /** Whether the L4 part admits every protocol and port (no {@code toPorts}, no {@code icmps}). */
  public boolean allL4() {
    return toPorts.isEmpty() && icmps.isEmpty();
  }

  /** {@code ingress}, {@code ingressDeny}, {@code egress} or {@code egressDeny}: the field this came from. */
  public String section() {
    return direction.lower() + (deny ? "Deny" : "");
  }

  /** Why the traffic this rule allows is allowed for some requests only, if it is. */
  public Optional<String> restriction() {
    Optional<String> l7 = toPorts.stream().map(CiliumPortRule::l7).flatMap(Optional::stream).findFirst();
    return authentication.map(a -> "authentication mode " + a).or(() -> l7);
  }

  @Override
  public String toString() {
    return section() + " rule " + index;
  }
}
