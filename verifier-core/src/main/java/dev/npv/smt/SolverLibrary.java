package dev.npv.smt;

import java.util.Optional;

/** Loads Z3's native library up front, so that a failure is reported once and clearly. */
public final class SolverLibrary {
  private SolverLibrary() {
  }

  /** Empty when Z3 is usable; otherwise the reason it is not. */
  public static Optional<String> problem() {
    try {
      com.microsoft.z3.Version.getFullVersion();
      return Optional.empty();
    } catch (LinkageError | RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  public static String version() {
    return com.microsoft.z3.Version.getFullVersion();
  }
}
