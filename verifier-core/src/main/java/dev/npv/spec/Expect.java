package dev.npv.spec;

/** What an invariant demands of the connections from {@code from} to {@code to} on {@code ports}. */
public enum Expect {
  /** No such connection is allowed. */
  DENY,
  /** Every such connection is allowed. */
  ALLOW,
  /** At least one such connection is allowed. */
  ALLOW_SOME;

  public String specName() {
    return switch (this) {
      case DENY -> "deny";
      case ALLOW -> "allow";
      case ALLOW_SOME -> "allowSome";
    };
  }
}
