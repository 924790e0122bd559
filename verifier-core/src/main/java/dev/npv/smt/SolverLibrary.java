package dev.npv.smt;

import com.microsoft.z3.Version;
import java.util.Optional;

/**
 * Loads Z3's native library up front, so that a failure is reported once and clearly. The loading
 * itself is z3-turnkey's, through npv's patched {@code TurnKey} (module z3-loader-patch): unpacked
 * once into {@code $NPV_CACHE_DIR} (else {@code $XDG_CACHE_HOME/npv}, else {@code ~/.cache/npv}).
 */
public final class SolverLibrary {
  private SolverLibrary() {
  }

  /** Empty when Z3 is usable; otherwise the reason it is not. */
  public static Optional<String> problem() {
    try {
      Version.getFullVersion();
      return Optional.empty();
    } catch (LinkageError | RuntimeException e) {
      return Optional.of(reason(e));
    }
  }

  public static String version() {
    return Version.getFullVersion();
  }

  /** The loader's own message: a failed static initialiser carries it only in its cause. */
  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause instanceof ExceptionInInitializerError && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
