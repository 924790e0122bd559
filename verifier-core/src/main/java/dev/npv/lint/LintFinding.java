package dev.npv.lint;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.Severity;
import dev.npv.diag.SourceLocation;
import java.util.List;

/**
 * One lint finding: a diagnostic (severity, stable code, message, location) plus related locations,
 * such as the policies that cover a redundant rule. Data, like {@link Diagnostic}.
 */
public record LintFinding(Diagnostic diagnostic, ImmutableList<Related> related) {
  /** Another place that explains the finding. */
  public record Related(SourceLocation location, String message) {
  }

  /** A finding of {@code code}, with the code's severity. */
  public static LintFinding of(LintCode code, SourceLocation at, String message, List<Related> related) {
    return new LintFinding(new Diagnostic(code.severity(), code.id(), message, at), ImmutableList.copyOf(related));
  }

  public static LintFinding of(LintCode code, SourceLocation at, String message) {
    return of(code, at, message, List.of());
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
