package dev.npv.spec;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.model.PolicyPort;
import java.util.Optional;

/**
 * One invariant of a spec: over all pairs of distinct endpoints (src in {@code from}, dst in
 * {@code to}) and all (protocol, port) in {@code ports} (empty = every protocol and port), the
 * connections must satisfy {@code expect}. {@code expectedVerdict} records an accepted outcome.
 */
public record Invariant(String name, String description, Expect expect, EndpointSet from, EndpointSet to,
                        ImmutableList<PolicyPort> ports, Optional<Verdict> expectedVerdict,
                        SourceLocation location) {
}
