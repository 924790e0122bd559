package dev.npv.diag;

/**
 * A position in an input file: 1-based line and column, as editors and compilers show them.
 * {@link #UNKNOWN} stands for input without marks (for example objects built in code).
 */
public record SourceLocation(String file, int line, int column) {
  public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  public boolean isKnown() {
    return line > 0;
  }

  /** {@code file:line:column}, or just the file when the position is not known. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
