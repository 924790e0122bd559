package dev.npv.load;

import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostics;
import java.util.Optional;
import java.util.TreeMap;

/** Reads a map of labels (metadata.labels, matchLabels), checking Kubernetes key and value syntax. */
public final class LabelReader {
  private LabelReader() {
  }

  /** The labels of {@code node} (a mapping of string to string); invalid entries are reported and dropped. */
  public static ImmutableSortedMap<String, String> read(YNode node, String what, Diagnostics diags) {
    TreeMap<String, String> labels = new TreeMap<>();
    if (!(node instanceof YNode.YMap map)) {
      diags.error(Codes.TYPE, node.location(), "expected a mapping of labels for " + what + ", got "
          + node.typeName());
      return ImmutableSortedMap.of();
    }
    for (YNode.Entry e : map.entries()) {
      Optional<String> keyProblem = K8sNames.labelKeyProblem(e.key());
      if (keyProblem.isPresent()) {
        diags.error(Codes.LABEL_KEY, e.keyLocation(),
            "invalid label key '" + e.key() + "' in " + what + ": " + keyProblem.get());
        continue;
      }
      Optional<String> value = e.value() instanceof YNode.YScalar s && s.isNull() ? Optional.of("")
          : Fields.asString(e.value(), "label '" + e.key() + "' in " + what, diags);
      if (value.isEmpty()) {
        continue;
      }
      Optional<String> valueProblem = K8sNames.labelValueProblem(value.get());
      if (valueProblem.isPresent()) {
        diags.error(Codes.LABEL_VALUE, e.value().location(),
            "invalid value '" + value.get() + "' for label '" + e.key() + "' in " + what + ": "
                + valueProblem.get());
        continue;
      }
      labels.put(e.key(), value.get());
    }
    return ImmutableSortedMap.copyOf(labels);
  }
}
