package dev.npv.diag;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One finding about the input: a stable {@code code} (e.g. {@code NPV-E-UNKNOWN-FIELD}) that tests and
 * users can rely on, a one-line message and where it is. Diagnostics are data: they are collected,
 * never thrown one at a time.
 */
public record Diagnostic(Severity severity, String code, String message, SourceLocation location) {
  public Diagnostic {
    checkNotNull(severity);
    checkNotNull(code);
    checkNotNull(message);
    checkNotNull(location);
  }

  public static Diagnostic error(String code, SourceLocation at, String message) {
    return new Diagnostic(Severity.ERROR, code, message, at);
  }

  public static Diagnostic warning(String code, SourceLocation at, String message) {
    return new Diagnostic(Severity.WARNING, code, message, at);
  }

  public static Diagnostic note(String code, SourceLocation at, String message) {
    return new Diagnostic(Severity.NOTE, code, message, at);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The one-line form: {@code file:line:column: error: message [code]}. */
  public String oneLine() {
    return location + ": " + severity.label() + ": " + message + " [" + code + "]";
  }
}
