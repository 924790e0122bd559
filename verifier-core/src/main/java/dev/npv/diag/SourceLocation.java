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

  /** Whether it has a line (and column) in its file. */
  public boolean isKnown() {
    return line > 0;
  }

  /**
   * Whether it names an input, with or without a position: a file, or an object without a file such as
   * {@code cluster:<context>/<kind>/<namespace>/<name>} from an API server. Only {@link #UNKNOWN} names none.
   */
  public boolean isNamed() {
    return !file.isEmpty() && !file.equals(UNKNOWN.file);
  }

  /** {@code file:line:column}, or just the file when the position is not known. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
