package dev.npv.lint;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.Severity;
import dev.npv.diag.SourceLocation;

/**
 * One lint finding: a diagnostic (severity, stable code, message, location) plus related locations,
 * such as the policies that cover a redundant rule. Data, like {@link Diagnostic}.
 */
public record LintFinding(Diagnostic diagnostic, ImmutableList<Related> related) {
  /** Another place that explains the finding. */
  public record Related(SourceLocation location, String message) {
  }

  public static LintFinding of(Severity severity, String code, SourceLocation at, String message,
                               java.util.List<Related> related) {
    return new LintFinding(new Diagnostic(severity, code, message, at), ImmutableList.copyOf(related));
  }

  public static LintFinding of(Severity severity, String code, SourceLocation at, String message) {
    return of(severity, code, at, message, java.util.List.of());
  }

  public Severity severity() {
    return diagnostic.severity();
  }

  public String code() {
    return diagnostic.code();
  }

  public String message() {
    return diagnostic.message();
  }

  public SourceLocation location() {
    return diagnostic.location();
  }
}
