package dev.npv.verify;

import java.util.Optional;

/**
 * A change in the concrete connectivity between known endpoints: a pair whose allowed ports were
 * added, removed or changed ({@code before}/{@code after} in compact port text); {@code opens} when
 * HEAD allows a port BASE did not.
 */
public record WorkloadChange(String src, String srcKind, String dst, String dstKind, Optional<String> before,
                             Optional<String> after, boolean opens) {
  public String kind() {
    return before.isEmpty() ? "added" : after.isEmpty() ? "removed" : "changed";
  }
}
