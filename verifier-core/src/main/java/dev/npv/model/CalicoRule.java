package dev.npv.model;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * One Calico rule ({@code projectcalico.org/v3 Rule}) of a policy's ingress or egress list, at
 * {@code index}. All criteria given must hold for the rule to match; the first matching rule with action
 * Allow, Deny or Pass decides for its policy's tier (Log matches and goes on).
 *
 * <p>{@code icmp}, {@code notIcmp} and {@code http} are kept as read: they narrow a rule below what npv
 * models (ICMP type/code, HTTP method/path), so an evaluator must treat such a rule soundly (an Allow or
 * Deny that may or may not match), never as if the narrowing were absent. {@code unmodelled} lists them.
 */
public record CalicoRule(Direction direction, int index, CalicoAction action, Optional<Integer> ipVersion,
                         Optional<CalicoProtocol> protocol, Optional<CalicoProtocol> notProtocol,
                         Optional<Icmp> icmp, Optional<Icmp> notIcmp, Optional<Http> http,
                         CalicoEntityRule source, CalicoEntityRule destination, SourceLocation location) {

  /** {@code icmp}/{@code notICMP}: a type, and a code only with a type. */
  public record Icmp(Optional<Integer> type, Optional<Integer> code) {
  }

  /** {@code http}: methods (ORed) and paths (exact or prefix, ORed), ANDed together. */
  public record Http(ImmutableList<String> methods, ImmutableList<String> exactPaths,
                     ImmutableList<String> prefixPaths) {
  }

  /** The match criteria this rule has that npv does not model at L3/L4 (empty when fully modelled). */
  public ImmutableList<String> unmodelled() {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    icmp.ifPresent(i -> out.add("icmp"));
    notIcmp.ifPresent(i -> out.add("notICMP"));
    http.ifPresent(h -> out.add("http"));
    source.service().ifPresent(s -> out.add("source.services"));
    destination.service().ifPresent(s -> out.add("destination.services"));
    return out.build();
  }

  @Override
  public String toString() {
    return direction.lower() + " rule " + index + " (" + action.apiName() + ")";
  }
}
