package dev.npv.eval;

/**
 * A three-valued match (Kleene logic): YES, NO, or MAYBE when the match depends on something the
 * manifests do not say (a pod's service account, a packet's source port, an L7 field).
 */
public enum Tri {
  YES, NO, MAYBE;

  public static Tri of(boolean b) {
    return b ? YES : NO;
  }

  public Tri and(Tri o) {
    if (this == NO || o == NO) {
      return NO;
    }
    return this == YES && o == YES ? YES : MAYBE;
  }

  public Tri or(Tri o) {
    if (this == YES || o == YES) {
      return YES;
    }
    return this == NO && o == NO ? NO : MAYBE;
  }

  public Tri not() {
    return this == YES ? NO : this == NO ? YES : MAYBE;
  }
}
