package dev.npv.explain;

import dev.npv.model.Namespace;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Label sets as users write them: {@code app=web,tier=frontend}, or {@code no labels}. */
final class Labels {
  private Labels() {
  }

  static String show(Map<String, String> labels) {
    return labels.isEmpty() ? "no labels"
        : labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /** A namespace's labels without the name label, which its name already says. */
  static String showNamespace(Map<String, String> labels) {
    return show(labels.entrySet().stream().filter(e -> !e.getKey().equals(Namespace.NAME_LABEL))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
  }
}
