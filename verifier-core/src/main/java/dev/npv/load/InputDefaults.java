package dev.npv.load;

import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one load fills in where a manifest is silent, as the client that applies it would: the
 * namespace of namespaced objects that give none ({@code -n}, like {@code kubectl apply -n}; without
 * it {@code default}, said once in a note), and the name of an object that gives only
 * {@code metadata.generateName} (the API server appends a random suffix; npv marks the name as
 * generated instead of inventing one). Confined to one load.
 */
final class InputDefaults {
  private final Optional<String> namespace;
  private int defaulted;
  private SourceLocation firstDefaulted;
  private final Map<String, Integer> generated = new HashMap<>();

  InputDefaults(Optional<String> namespace) {
    this.namespace = namespace;
  }

  /** The namespace of a namespaced object whose metadata gives none; counted for {@link #report}. */
  String namespaceFor(SourceLocation at) {
    if (defaulted++ == 0) {
      firstDefaulted = at;
    }
    return namespace.orElse(PolicyNormalizer.DEFAULT_NAMESPACE);
  }

  /** {@code prefix<generated>}, numbered from the second object with one prefix, so names stay unique. */
  String generatedName(String prefix) {
    int n = generated.merge(prefix, 1, Integer::sum);
    return prefix + (n == 1 ? "<generated>" : "<generated-" + n + ">");
  }

  /** Without {@code -n}, one note says where objects without a namespace went and how to choose. */
  void report(Diagnostics diags) {
    if (defaulted > 0 && namespace.isEmpty()) {
      diags.note(Codes.DEFAULT_NAMESPACE, firstDefaulted, defaulted + " namespaced object"
          + (defaulted == 1 ? " gives" : "s give") + " no metadata.namespace (this is the first); npv reads them"
          + " into namespace '" + PolicyNormalizer.DEFAULT_NAMESPACE + "', as kubectl does without a context"
          + " namespace. Give -n NAME to choose another, as with kubectl apply -n NAME");
    }
  }
}
