package dev.npv.verify;

/**
 * The encoder and the reference evaluator disagree, or the solver misbehaved: a bug in npv, reported
 * as an internal error and never as a result.
 */
public final class InternalVerificationError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InternalVerificationError(String message) {
    super(message);
  }
}
