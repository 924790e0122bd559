package dev.npv.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;

/**
 * A cilium.io/v2 CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy after loading: its {@code spec}
 * (index 0) and {@code specs} entries (following it) as {@link CiliumRule}s, each with its own subject,
 * allow and deny sections and default-deny mode. {@code id.namespace()} is empty for a clusterwide
 * policy. Cilium combines every rule of every policy selecting an endpoint: allows add up, a matching
 * deny wins over every allow (Documentation/security/policy/language.rst, "Deny Policies").
 */
public record CiliumPolicy(CiliumKind kind, PolicyId id, ImmutableList<CiliumRule> rules, SourceLocation location) {
  public CiliumPolicy {
    checkArgument((kind == CiliumKind.CLUSTERWIDE) == id.namespace().isEmpty(),
        "a CiliumNetworkPolicy has a namespace, a clusterwide one has none: %s %s", kind, id);
    checkArgument(!rules.isEmpty(), "a Cilium policy has at least one rule");
  }

  public boolean clusterwide() {
    return kind == CiliumKind.CLUSTERWIDE;
  }

  /** {@code [CNP cilium] ns/name} or {@code [CCNP cilium] name}. */
  @Override
  public String toString() {
    return "[" + kind.tag() + "] " + (clusterwide() ? id.name() : id.toString());
  }
}
