package dev.npv.diag;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics while reading input, so that all errors are reported together. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic d) {
    items.add(d);
  }

  public void error(String code, SourceLocation at, String message) {
    add(Diagnostic.error(code, at, message));
  }

  public void warning(String code, SourceLocation at, String message) {
    add(Diagnostic.warning(code, at, message));
  }

  public void note(String code, SourceLocation at, String message) {
    add(Diagnostic.note(code, at, message));
  }

  public void addAll(Iterable<Diagnostic> more) {
    more.forEach(items::add);
  }

  /** How many errors so far; cheap, for readers that check whether a sub-object added any. */
  public int errorCount() {
    return (int) items.stream().filter(Diagnostic::isError).count();
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /** All diagnostics, sorted by file, line, column, so output is deterministic. */
  public ImmutableList<Diagnostic> sorted() {
    return items.stream()
        .sorted(Comparator.comparing((Diagnostic d) -> d.location().file())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column())
            .thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message))
        .distinct()
        .collect(ImmutableList.toImmutableList());
  }

  public ImmutableList<Diagnostic> errors() {
    return sorted().stream().filter(Diagnostic::isError).collect(ImmutableList.toImmutableList());
  }
}
