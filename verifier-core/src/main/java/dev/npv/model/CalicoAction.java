package dev.npv.model;

import java.util.Optional;

/**
 * A Calico rule's {@code action} (projectcalico.org/v3 {@code Action}): Allow and Deny decide, Log records
 * and goes on to the next rule, Pass skips the rest of the tier to the next tier.
 */
public enum CalicoAction {
  ALLOW("Allow"), DENY("Deny"), LOG("Log"), PASS("Pass");

  private final String apiName;

  CalicoAction(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  /** Exact, case-sensitive, as Calico's validator ({@code action} tag) accepts. */
  public static Optional<CalicoAction> parse(String text) {
    for (CalicoAction a : values()) {
      if (a.apiName.equals(text)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
