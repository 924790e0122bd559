package dev.npv.diag;

/** How bad a diagnostic is: an error makes the input invalid, the others are advice. */
public enum Severity {
  ERROR, WARNING, NOTE;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
