package dev.npv.report;

import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.DecidingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain-text pieces shared by the JUnit, SARIF and Markdown renderers, so they say the same thing. */
final class ResultText {
  private ResultText() {
  }

  /** e.g. "invariant 'x' (expect deny, open world) is VIOLATED, expected PROVEN". */
  static String outcome(CheckResult r) {
    return "invariant '" + r.name() + "' (expect " + r.expect().specName() + ", "
        + r.world().name().toLowerCase(Locale.ROOT) + " world) is " + r.verdict() + ", expected "
        + expected(r);
  }

  /** The recorded expectation, or PROVEN when none is recorded (what {@link CheckResult#passed} uses). */
  static String expected(CheckResult r) {
    return r.expectedVerdict().map(Verdict::name).orElse(Verdict.PROVEN.name());
  }

  /** "counterexample" for a broken invariant, "example" for the witness of a proven allowSome. */
  static String title(CheckResult r) {
    return r.verdict() == Verdict.PROVEN ? "example" : "counterexample";
  }

  /** "allowed connection TCP 5555". */
  static String connection(Counterexample c) {
    return (c.allowed() ? "allowed" : "denied") + " connection " + c.protocol() + " " + c.port();
  }

  /** The counterexample as lines: connection, from, to, the explanation and the deciding rules. */
  static List<String> counterexampleLines(CheckResult r, Counterexample c) {
    List<String> out = new ArrayList<>();
    out.add(title(r) + ": " + connection(c));
    out.add("from: " + c.source().describe());
    out.add("to: " + c.destination().describe());
    out.addAll(c.explanation());
    for (DecidingRule d : c.rules()) {
      out.add("see " + d.location() + ": " + d.describe());
    }
    return out;
  }

  /** Everything a failure shows: outcome, reason, warnings and the counterexample, one per line. */
  static List<String> details(CheckResult r) {
    List<String> out = new ArrayList<>();
    out.add(outcome(r));
    if (!r.reason().isEmpty()) {
      out.add(r.reason());
    }
    r.warnings().forEach(w -> out.add("warning: " + w));
    r.counterexample().ifPresent(c -> out.addAll(counterexampleLines(r, c)));
    return out;
  }

  /** Seconds with millisecond precision, as JUnit's time attribute has it. */
  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
  }
}
