package dev.npv.diag;


import java.util.Locale;
/** How bad a diagnostic is: an error makes the input invalid, the others are advice. */
public enum Severity {
  ERROR, WARNING, NOTE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
