package dev.npv.report;

import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.VerificationReport;
import java.util.Locale;

/** The terminal report of {@code npv check}: one line per invariant, the counterexample under it. */
public final class CheckTextRenderer implements CheckRenderer {
  /**
   * What a basis guarantees, said once under the results: the solver proved the invariant with only
   * the named members required and every other loaded policy and rule free to be absent. Nothing is
   * said of objects that are not loaded: NetworkPolicy allows add up, so an added one can break it.
   */
  static final String PROOF_BASIS_MEANING = "rests on: each proof holds in every cluster that keeps the policies "
      + "and rules it names, whichever of the other loaded policies and rules are removed; a policy or rule that "
      + "is added or changed can still break it";

  private final boolean color;

  public CheckTextRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public String render(VerificationReport report) {
    StringBuilder out = new StringBuilder();
    int width = report.results().stream().mapToInt(r -> r.name().length()).max().orElse(0);
    for (CheckResult r : report.results()) {
      out.append(paint(r.verdict(), String.format(Locale.ROOT, "%-8s", r.verdict())))
          .append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", r.name()))
          .append(String.format(Locale.ROOT, "  %5d ms", r.durationMillis()));
      r.expectedVerdict().ifPresent(v -> out.append("  (expected ").append(v)
          .append(v == r.verdict() ? ")" : ": MISMATCH)"));
      if (!r.passed() && r.expectedVerdict().isEmpty()) {
        out.append("  FAIL");
      }
      out.append('\n');
      for (String w : r.warnings()) {
        out.append("    warning: ").append(w).append('\n');
      }
      if (!r.reason().isEmpty()) {
        out.append("    ").append(r.reason()).append('\n');
      }
      r.counterexample().ifPresent(c -> appendCounterexample(out, r, c));
      r.proofBasis().ifPresent(b -> out.append("    rests on: ")
          .append(b.isEmpty() ? "nothing (holds whatever the policies)" : String.join(", ", b)).append('\n'));
    }
    if (report.results().stream().anyMatch(r -> r.proofBasis().isPresent())) {
      out.append(PROOF_BASIS_MEANING).append('\n');
    }
    long proven = report.results().stream().filter(r -> r.verdict() == Verdict.PROVEN).count();
    long violated = report.results().stream().filter(r -> r.verdict() == Verdict.VIOLATED).count();
    long unknown = report.results().stream().filter(r -> r.verdict() == Verdict.UNKNOWN).count();
    long failed = report.results().stream().filter(r -> !r.passed()).count();
    out.append(String.format(Locale.ROOT, "%d invariants: %d proven, %d violated, %d unknown; %s%n",
        report.results().size(), proven, violated, unknown,
        failed == 0 ? "all as expected" : failed + " not as expected"));
    return out.toString();
  }

  private static void appendCounterexample(StringBuilder out, CheckResult r, Counterexample c) {
    String title = r.verdict() == Verdict.PROVEN ? "example" : "counterexample";
    out.append("    ").append(title).append(": ").append(c.allowed() ? "allowed" : "denied")
        .append(" connection ").append(c.protocol()).append(' ').append(c.port()).append('\n');
    out.append("      from: ").append(c.source().describe()).append('\n');
    out.append("      to:   ").append(c.destination().describe()).append('\n');
    for (String line : c.explanation()) {
      out.append("      ").append(line).append('\n');
    }
  }

  private String paint(Verdict v, String text) {
    if (!color) {
      return text;
    }
    String code = switch (v) {
      case PROVEN -> "32";
      case VIOLATED -> "31";
      case UNKNOWN -> "33";
    };
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }
}
