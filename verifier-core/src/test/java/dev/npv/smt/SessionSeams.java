package dev.npv.smt;

/** Opens the sessions' package-private test seams to tests of other packages (test code only). */
public final class SessionSeams {
  private SessionSeams() {
  }

  /** {@code hook} runs just before every solver check of {@code session}, the minimiser's included. */
  public static void beforeEachCheck(AbstractSession session, Runnable hook) {
    session.beforeEachCheck(hook);
  }

  /** {@code hook} runs just after every solver check of {@code session}, before its answer is read. */
  public static void afterEachCheck(AbstractSession session, Runnable hook) {
    session.afterEachCheck(hook);
  }
}
