package dev.npv.load;

import dev.npv.diag.Diagnostics;
import dev.npv.model.CalicoSelector;
import java.util.Optional;

/** Reads one Calico selector string field: parses it and reports a failure at the offending character. */
final class CalicoSelectorReader {
  private final Diagnostics diags;
  private final SourceLines sources;

  CalicoSelectorReader(Diagnostics diags, SourceLines sources) {
    this.diags = diags;
    this.sources = sources;
  }

  /** The selector in field {@code key} of {@code f}; empty when absent or invalid (reported). */
  Optional<CalicoSelector> read(Fields f, String key) {
    Optional<YNode> node = f.node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> text = Fields.asString(node.get(), "'" + key + "' in " + f.type(), diags);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    CalicoSelectorParser.Result r = CalicoSelectorParser.parse(text.get());
    r.error().ifPresent(e -> {
      String hint = text.get().contains("\n")
          ? "a selector is one line: write it as a plain or quoted string, or with '>-' instead of '|' or '>'"
          : e.hint();
      diags.error(Codes.CALICO_SELECTOR, sources.inside((YNode.YScalar) node.get(), e.offset()),
          "invalid selector in '" + key + "' of " + f.type() + ": " + e.message() + " (" + hint + ")");
    });
    return r.selector();
  }

  /** True when the raw text of {@code key} mentions {@code global(} (Calico's CEL rule is a substring test). */
  static boolean mentionsGlobal(Fields f, String key) {
    return f.node(key).filter(n -> n instanceof YNode.YScalar s && s.text().contains("global(")).isPresent();
  }
}
