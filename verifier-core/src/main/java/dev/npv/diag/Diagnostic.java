package dev.npv.diag;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One finding about the input: a stable {@code code} (e.g. {@code NPV-E-UNKNOWN-FIELD}) that tests and
 * users can rely on, a one-line message and where it is. Diagnostics are data: they are collected,
 * never thrown one at a time.
 */
public record Diagnostic(Severity severity, String code, String message, SourceLocation location) {
  private static final int MAX_MESSAGE = 450;

  public Diagnostic {
    checkNotNull(severity);
    checkNotNull(code);
    checkNotNull(message);
    checkNotNull(location);
    message = oneLineMessage(message);
  }

  /** Messages quote user input, which may hold line breaks and controls: keep them one bounded line. */
  static String oneLineMessage(String m) {
    StringBuilder sb = new StringBuilder(Math.min(m.length(), 600));
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (sb.length() > MAX_MESSAGE) { // keep the head and the hint at the end (e.g. the flag to raise)
      int cut = sb.length() - MAX_MESSAGE;
      return sb.substring(0, 300) + " ... (" + cut + " characters left out) ... " + sb.substring(sb.length() - 150);
    }
    return sb.toString();
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
