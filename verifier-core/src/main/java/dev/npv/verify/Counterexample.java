package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Protocol;

/**
 * One concrete connection that decides an invariant: for a broken deny, an allowed connection and the
 * rules that let it through; for a broken allow, a denied one and the side that drops it; for
 * allowSome, the example connection. Always re-checked by the reference evaluator first.
 * {@code explanation} is for people; {@code rules} is the same decision as structured data with the
 * manifest positions of the deciding rules (allowing rules, or the isolating policies of a denial).
 */
public record Counterexample(EndpointView source, EndpointView destination, Protocol protocol, int port,
                             boolean allowed, ImmutableList<String> explanation,
                             ImmutableList<DecidingRule> rules) {
}
