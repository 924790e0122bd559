package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.model.Cluster;
import dev.npv.spec.InvariantSet;
import dev.npv.verify.InternalVerificationError;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the verifier for a command, stoppable by Ctrl-C: a JVM shutdown hook interrupts the running Z3
 * query (it and every later one answer UNKNOWN, never a verdict) and waits until the command has printed
 * its report and closed this, so the process ends cleanly rather than mid-query or mid-write.
 */
final class Verification implements AutoCloseable {
  /** How commands verify; package-private so a test can make it fail (e.g. an internal error). */
  interface Engine {
    VerificationReport verify(Verifier verifier, List<InvariantSet> sets) throws InvalidInputException;
  }

  static Engine engine = Verifier::verify;

  private static final long WAIT_FOR_REPORT_SECONDS = 10;

  private final Verifier verifier;
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;
  private final boolean installed;

  Verification(Cluster cluster, VerifyOptions options) {
    this.verifier = new Verifier(cluster, options);
    this.hook = new Thread(this::onShutdown, "npv-ctrl-c");
    this.installed = install(hook);
  }

  /** Reports progress to {@code listener} while verifying; returns this run. */
  Verification onProgress(Verifier.Progress listener) {
    verifier.onProgress(listener);
    return this;
  }

  VerificationReport verify(List<InvariantSet> sets) throws InvalidInputException {
    return engine.verify(verifier, sets);
  }

  /** The one line an internal error prints: never a verdict, never a stack trace (unless --verbose). */
  static String internalError(InternalVerificationError e) {
    return "npv: internal error: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ")
        + " (please report this; no verdict was given)";
  }

  private void onShutdown() {
    verifier.interrupt();
    try {
      done.await(WAIT_FOR_REPORT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean install(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false; // already shutting down: nothing to interrupt later
    }
  }

  @Override
  public void close() {
    done.countDown();
    if (installed) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutdown in progress: the hook is running and now returns
      }
    }
  }
}
