package dev.npv.cli;

import dev.npv.verify.Verifier;
import java.io.PrintWriter;

/**
 * Progress of a long check on stderr. {@code auto}: a one-line counter ("npv: checking 3/100 name")
 * only when a person is watching a terminal, silent in pipelines (no console, or CI set) so logs stay
 * clean; {@code lines}: one line per invariant as it starts, for logs and for tools that wait for the
 * check to begin; {@code none}: nothing.
 */
enum Progress {
  AUTO, LINES, NONE;

  static Progress parse(String name) {
    for (Progress p : values()) {
      if (p.name().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("--progress must be auto, lines or none, not '" + name + "'");
  }

  private static boolean interactive() {
    return System.console() != null && System.getenv("CI") == null;
  }

  private boolean counter() {
    return this == AUTO && interactive();
  }

  Verifier.Progress listener(PrintWriter err) {
    if (this == LINES) {
      return (done, total, name) -> {
        err.println("npv: checking " + (done + 1) + "/" + total + " " + name);
        err.flush();
      };
    }
    if (!counter()) {
      return (done, total, name) -> { };
    }
    return (done, total, name) -> {
      String line = "npv: checking " + (done + 1) + "/" + total + " " + name;
      err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : line) + "\u001b[K");
      err.flush();
    };
  }

  /** Erases the terminal counter before the report is printed. */
  void clear(PrintWriter err) {
    if (counter()) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }
}
