package dev.npv.report;

import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.DecidingRule;
import dev.npv.verify.VerificationReport;
import java.util.Locale;

/**
 * {@code npv check --format markdown}: a pull-request comment. A heading with the totals, a table of
 * every invariant, then one section per (counter)example with the deciding rules' positions.
 */
public final class CheckMarkdownRenderer implements CheckRenderer {
  @Override
  public String render(VerificationReport report) {
    StringBuilder out = new StringBuilder();
    long failed = report.results().stream().filter(r -> !r.passed()).count();
    out.append("## npv check: ").append(failed == 0 ? "all as expected" : failed + " not as expected")
        .append("\n\n");
    out.append(String.format(Locale.ROOT, "%d invariants: %d proven, %d violated, %d unknown.%n%n",
        report.results().size(), count(report, Verdict.PROVEN), count(report, Verdict.VIOLATED),
        count(report, Verdict.UNKNOWN)));
    out.append("| | Verdict | Invariant | Spec | Expected | Time |\n");
    out.append("|---|---|---|---|---|---:|\n");
    for (CheckResult r : report.results()) {
      out.append("| ").append(r.passed() ? "✅" : r.verdict() == Verdict.UNKNOWN ? "⚠️" : "❌")
          .append(" | ").append(r.verdict())
          .append(" | ").append(code(r.name()))
          .append(" | ").append(cell(r.specName()))
          .append(" | ").append(ResultText.expected(r))
          .append(" | ").append(r.durationMillis()).append(" ms |\n");
    }
    for (CheckResult r : report.results()) {
      if (!r.passed() || r.counterexample().isPresent() || !r.warnings().isEmpty()) {
        section(out, r);
      }
    }
    return out.toString();
  }

  private static void section(StringBuilder out, CheckResult r) {
    out.append("\n### ").append(r.passed() ? "" : "❌ ").append(code(r.name())).append(": ")
        .append(r.verdict()).append(r.passed() ? " (as expected)" : ", expected " + ResultText.expected(r))
        .append("\n\n");
    out.append("Spec ").append(cell(r.specName())).append(" at ").append(code(r.location().toString()))
        .append(", expect ").append(r.expect().specName()).append(", ")
        .append(r.world().name().toLowerCase(Locale.ROOT)).append(" world.\n");
    if (!r.reason().isEmpty()) {
      out.append("\n").append(text(r.reason())).append("\n");
    }
    for (String w : r.warnings()) {
      out.append("\n> **Warning:** ").append(text(w)).append("\n");
    }
    r.counterexample().ifPresent(c -> counterexample(out, r, c));
  }

  private static void counterexample(StringBuilder out, CheckResult r, Counterexample c) {
    String title = ResultText.title(r);
    out.append("\n**").append(Character.toUpperCase(title.charAt(0))).append(title.substring(1))
        .append(":** ").append(ResultText.connection(c)).append("\n\n");
    out.append("- from: ").append(text(c.source().describe())).append("\n");
    out.append("- to: ").append(text(c.destination().describe())).append("\n");
    for (String line : c.explanation()) {
      out.append("- ").append(text(line)).append("\n");
    }
    if (!c.rules().isEmpty()) {
      out.append("\nDeciding rules:\n\n");
      for (DecidingRule d : c.rules()) {
        out.append("- ").append(code(d.location().toString())).append(": ").append(text(d.describe())).append("\n");
      }
    }
  }

  private static long count(VerificationReport report, Verdict v) {
    return report.results().stream().filter(r -> r.verdict() == v).count();
  }

  /** Inline code; a longer backtick fence when the text has backticks itself. */
  static String code(String s) {
    String fence = s.contains("`") ? "`` " : "`";
    String close = s.contains("`") ? " ``" : "`";
    return fence + s.replace("|", "\\|").replace("\n", " ") + close;
  }

  /** Table cell text: {@link #text} already escapes pipes and drops line breaks. */
  static String cell(String s) {
    return text(s);
  }

  /** Running text: Markdown and HTML specials escaped so names cannot change the layout. */
  static String text(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.replace("\n", " ").toCharArray()) {
      if ("\\`*_[]<>#|".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
