package dev.npv.spec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.npv.diag.SourceLocation;
import dev.npv.model.PolicyPort;
import java.util.Optional;

/**
 * One invariant of a spec: over all pairs of distinct endpoints (src in {@code from}, dst in
 * {@code to}) and all (protocol, port) in {@code ports} (empty = every protocol and port), the
 * connections must satisfy {@code expect}. {@code expectedVerdict} records an accepted outcome in
 * any world; {@code expectedByWorld} one per world, which wins over it.
 */
public record Invariant(String name, String description, Expect expect, EndpointSet from, EndpointSet to,
                        ImmutableList<PolicyPort> ports, Optional<Verdict> expectedVerdict,
                        ImmutableMap<World, Verdict> expectedByWorld, SourceLocation location) {

  public Invariant(String name, String description, Expect expect, EndpointSet from, EndpointSet to,
                   ImmutableList<PolicyPort> ports, Optional<Verdict> expectedVerdict, SourceLocation location) {
    this(name, description, expect, from, to, ports, expectedVerdict, ImmutableMap.of(), location);
  }

  /** The verdict this invariant is recorded to get in {@code world}, if any. */
  public Optional<Verdict> expectedIn(World world) {
    return Optional.ofNullable(expectedByWorld.get(world)).or(() -> expectedVerdict);
  }
}
