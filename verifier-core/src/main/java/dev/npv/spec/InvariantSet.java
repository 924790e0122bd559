package dev.npv.spec;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;

/** A spec file: {@code kind: InvariantSet}, its world and invariants in file order. */
public record InvariantSet(String name, World world, ImmutableList<Invariant> invariants,
                           SourceLocation location) {
}
