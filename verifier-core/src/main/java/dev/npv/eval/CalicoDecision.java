package dev.npv.eval;

import java.util.Optional;

/**
 * What Calico's policy does with one side of a connection, or with the connection: ALLOW, DENY, or
 * UNKNOWN when it depends on what the manifests do not say ({@code reason} says what). {@code step}
 * names the tier, policy, order and rule that decided, or the profile / end-of-tier default.
 */
public record CalicoDecision(Verdict verdict, String step, Optional<String> reason) {
  public enum Verdict { ALLOW, DENY, UNKNOWN }

  public static CalicoDecision allow(String step) {
    return new CalicoDecision(Verdict.ALLOW, step, Optional.empty());
  }

  public static CalicoDecision deny(String step) {
    return new CalicoDecision(Verdict.DENY, step, Optional.empty());
  }

  public static CalicoDecision unknown(String reason) {
    return new CalicoDecision(Verdict.UNKNOWN, "", Optional.of(reason));
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
