package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.LabelSelector;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a meta/v1 LabelSelector with the API server's validation
 * (apimachinery ValidateLabelSelectorRequirement): known operators only, values required for In/NotIn
 * and forbidden for Exists/DoesNotExist, label key and value syntax.
 */
public final class SelectorReader {
  private static final ImmutableSet<String> SELECTOR_FIELDS = ImmutableSet.of("matchLabels", "matchExpressions");
  private static final ImmutableSet<String> REQUIREMENT_FIELDS = ImmutableSet.of("key", "operator", "values");

  private SelectorReader() {
  }

  /** The selector in {@code node}; empty only when the node is not a mapping (reported). */
  public static Optional<LabelSelector> read(YNode node, String what, Diagnostics diags) {
    Optional<Fields> f = Fields.of(node, "LabelSelector (" + what + ")", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields sel = f.get().known(SELECTOR_FIELDS);
    ImmutableSortedMap<String, String> labels = sel.node("matchLabels")
        .map(n -> LabelReader.read(n, "matchLabels of " + what, diags))
        .orElse(ImmutableSortedMap.of());
    List<SelectorRequirement> reqs = new ArrayList<>();
    sel.list("matchExpressions").ifPresent(items -> {
      for (YNode item : items) {
        requirement(item, what, diags).ifPresent(reqs::add);
      }
    });
    return Optional.of(new LabelSelector(labels, ImmutableList.copyOf(reqs)));
  }

  private static Optional<SelectorRequirement> requirement(YNode node, String what, Diagnostics diags) {
    Optional<Fields> f = Fields.of(node, "LabelSelectorRequirement", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(REQUIREMENT_FIELDS);
    Optional<String> key = r.requireString("key");
    key.ifPresent(k -> K8sNames.labelKeyProblem(k).ifPresent(p -> diags.error(Codes.LABEL_KEY,
        r.valueLocation("key"), "invalid label key '" + k + "' in matchExpressions of " + what + ": " + p)));
    Optional<String> opText = r.requireString("operator");
    Optional<SelectorOperator> op = opText.flatMap(SelectorOperator::parse);
    if (opText.isPresent() && op.isEmpty()) {
      diags.error(Codes.SELECTOR_OPERATOR, r.valueLocation("operator"), "unknown selector operator '"
          + opText.get() + "' (valid: " + String.join(", ",
              Arrays.stream(SelectorOperator.values()).map(Enum::name).toList()) + ")");
    }
    List<String> values = new ArrayList<>();
    boolean valuesOk = true;
    Optional<ImmutableList<YNode>> items = r.list("values");
    if (r.has("values") && items.isEmpty()) {
      valuesOk = false;
    }
    for (YNode v : items.orElse(ImmutableList.of())) {
      Optional<String> s = Fields.asString(v, "a value in matchExpressions of " + what, diags);
      if (s.isEmpty()) {
        valuesOk = false;
        continue;
      }
      Optional<String> p = K8sNames.labelValueProblem(s.get());
      if (p.isPresent()) {
        diags.error(Codes.LABEL_VALUE, v.location(), "invalid label value '" + s.get() + "': " + p.get());
        valuesOk = false;
        continue;
      }
      values.add(s.get());
    }
    if (op.isEmpty() || key.isEmpty() || !valuesOk) {
      return Optional.empty();
    }
    if (op.get().takesValues() && values.isEmpty()) {
      diags.error(Codes.SELECTOR_VALUES, r.keyLocation(r.has("values") ? "values" : "operator"),
          "operator " + op.get() + " needs a non-empty 'values' list (add 'values: [...]', or use Exists/DoesNotExist)");
      return Optional.empty();
    }
    if (!op.get().takesValues() && !values.isEmpty()) {
      diags.error(Codes.SELECTOR_VALUES, r.keyLocation("values"),
          "operator " + op.get() + " takes no values, but 'values' is not empty (remove 'values', or use In/NotIn)");
      return Optional.empty();
    }
    return Optional.of(new SelectorRequirement(key.get(), op.get(), ImmutableSortedSet.copyOf(values)));
  }
}
