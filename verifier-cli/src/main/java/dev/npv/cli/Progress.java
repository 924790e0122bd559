package dev.npv.cli;

import dev.npv.verify.Verifier;
import java.io.PrintWriter;

/**
 * A one-line counter on stderr ("npv: checking 3/100 name") for long runs, only when a person is
 * watching a terminal; silent in pipelines (no console, or CI set) so logs stay clean.
 */
final class Progress {
  private Progress() {
  }

  static boolean interactive() {
    return System.console() != null && System.getenv("CI") == null;
  }

  static Verifier.Progress forTerminal(PrintWriter err) {
    if (!interactive()) {
      return (done, total, name) -> { };
    }
    return (done, total, name) -> {
      String line = "npv: checking " + (done + 1) + "/" + total + " " + name;
      err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : line) + "\u001b[K");
      err.flush();
    };
  }

  static void clear(PrintWriter err) {
    if (interactive()) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
