package dev.npv.eval;

/**
 * A three-valued truth for matches npv cannot always decide (Kleene logic): a Cilium peer whose members
 * are not fixed by the manifests, an entity npv cannot place, a rule that allows some requests only.
 */
public enum Truth {
  NO, MAYBE, YES;

  public static Truth of(boolean b) {
    return b ? YES : NO;
  }

  public Truth and(Truth o) {
    return values()[Math.min(ordinal(), o.ordinal())];
  }

  public Truth or(Truth o) {
    return values()[Math.max(ordinal(), o.ordinal())];
  }

  public Truth not() {
    return values()[2 - ordinal()];
  }

  /** At most MAYBE: what holds only for some requests. */
  public Truth weakened() {
    return and(MAYBE);
  }

  /** True unless NO: the over-approximation. */
  public boolean possible() {
    return this != NO;
  }

  /** True only if YES: the under-approximation. */
  public boolean certain() {
    return this == YES;
  }
}
