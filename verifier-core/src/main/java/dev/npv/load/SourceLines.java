package dev.npv.load;

import dev.npv.diag.SourceLocation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input texts by file name, to point at a character inside a scalar (for example the token of a
 * Calico selector that does not parse): {@link #inside} maps an offset in a scalar's value to the line
 * and column of that character in the file when the scalar is written on one line (plain, quoted without
 * escapes, or a one-line block scalar), and to the scalar's own start otherwise.
 */
final class SourceLines {
  private final Map<String, String[]> lines = new HashMap<>();

  SourceLines(List<SourceText> texts) {
    texts.forEach(t -> lines.put(t.name(), t.text().split("\r?\n", -1)));
  }

  static SourceLines none() {
    return new SourceLines(List.of());
  }

  SourceLocation inside(YNode.YScalar scalar, int offset) {
    SourceLocation at = scalar.location();
    String[] file = lines.get(at.file());
    if (file == null || !at.isKnown() || at.line() > file.length) {
      return at;
    }
    String line = file[at.line() - 1];
    int col = at.column() - 1; // 0-based index of the scalar's first character
    if (col < 0 || col > line.length()) {
      return at;
    }
    String value = scalar.text();
    String rest = line.substring(col);
    if (rest.startsWith("'") || rest.startsWith("\"")) {
      // Quoted: exact when the value is written verbatim after the quote (no escapes, no line break).
      return rest.startsWith(value, 1) ? shift(at, 1 + offset) : at;
    }
    if (rest.startsWith("|") || rest.startsWith(">")) {
      String content = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
      if (content.contains("\n") || at.line() >= file.length) {
        return at;
      }
      String next = file[at.line()];
      int indent = next.length() - next.stripLeading().length();
      return next.startsWith(content, indent) && offset <= content.length()
          ? new SourceLocation(at.file(), at.line() + 1, indent + 1 + offset) : at;
    }
    return rest.startsWith(value) ? shift(at, offset) : at;
  }

  private static SourceLocation shift(SourceLocation at, int by) {
    return new SourceLocation(at.file(), at.line(), at.column() + by);
  }
}
