package dev.npv.report;

import dev.npv.diag.Severity;
import dev.npv.lint.LintFinding;
import dev.npv.lint.LintReport;

/**
 * {@code npv lint} as text: one compiler-style line per finding
 * ({@code file:line:column: warning: message [code]}), related locations indented below, and a count.
 */
public final class LintTextRenderer {
  public String render(LintReport report) {
    StringBuilder b = new StringBuilder();
    for (LintFinding f : report.findings()) {
      b.append(f.diagnostic().oneLine()).append('\n');
      f.related().forEach(r -> b.append("    ").append(r.location()).append(": note: ").append(r.message()).append('\n'));
    }
    b.append(report.findings().size()).append(" findings: ").append(report.count(Severity.ERROR)).append(" errors, ")
        .append(report.count(Severity.WARNING)).append(" warnings, ").append(report.count(Severity.NOTE))
        .append(" notes\n");
    return b.toString();
  }
}
