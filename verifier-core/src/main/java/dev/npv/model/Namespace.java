package dev.npv.model;

import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;

/**
 * A namespace with its labels, always including {@code kubernetes.io/metadata.name} as the control
 * plane sets it. {@code declared} is false for a namespace that only workloads or policies mention:
 * its other labels are unknown.
 */
public record Namespace(String name, ImmutableSortedMap<String, String> labels, boolean declared,
                        SourceLocation location) {
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";
}
