package dev.npv.load;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.SourceLocation;
import java.util.List;

/**
 * Locations for objects that have a name but no file (read from an API server): every node of such an
 * object, and every diagnostic about it, is located by the object's name alone, without line or column.
 */
final class UnpositionedSource {
  private UnpositionedSource() {
  }

  /** {@code node} with every location replaced by {@code name}. */
  static YNode relocate(String name, YNode node) {
    SourceLocation at = SourceLocation.ofFile(name);
    return relocate(node, at);
  }

  private static YNode relocate(YNode node, SourceLocation at) {
    if (node instanceof YNode.YMap map) {
      return new YNode.YMap(map.entries().stream()
          .map(e -> new YNode.Entry(e.key(), at, relocate(e.value(), at)))
          .collect(ImmutableList.toImmutableList()), at);
    }
    if (node instanceof YNode.YSeq seq) {
      return new YNode.YSeq(seq.items().stream().map(i -> relocate(i, at))
          .collect(ImmutableList.toImmutableList()), at);
    }
    YNode.YScalar s = (YNode.YScalar) node;
    return new YNode.YScalar(s.text(), s.type(), at);
  }

  /** The diagnostics with line and column dropped (a YAML-level finding may still carry them). */
  static ImmutableList<Diagnostic> relocate(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(d -> d.location().isKnown()
            ? new Diagnostic(d.severity(), d.code(), d.message(), SourceLocation.ofFile(d.location().file())) : d)
        .distinct()
        .collect(ImmutableList.toImmutableList());
  }
}
