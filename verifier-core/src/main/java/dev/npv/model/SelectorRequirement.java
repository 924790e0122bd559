package dev.npv.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSortedSet;
import java.util.Map;

/**
 * One matchExpressions entry. NotIn and DoesNotExist match objects that lack the key, as in
 * k8s.io/apimachinery labels.Requirement.Matches.
 */
public record SelectorRequirement(String key, SelectorOperator operator, ImmutableSortedSet<String> values) {
  public SelectorRequirement {
    checkArgument(operator.takesValues() != values.isEmpty(),
        "%s needs values iff it is In or NotIn", operator);
  }

  public static SelectorRequirement of(String key, SelectorOperator op, String... values) {
    return new SelectorRequirement(key, op, ImmutableSortedSet.copyOf(values));
  }

  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    return switch (operator) {
      case In -> value != null && values.contains(value);
      case NotIn -> value == null || !values.contains(value);
      case Exists -> value != null;
      case DoesNotExist -> value == null;
    };
  }

  @Override
  public String toString() {
    return switch (operator) {
      case In -> key + " in (" + String.join(",", values) + ")";
      case NotIn -> key + " notin (" + String.join(",", values) + ")";
      case Exists -> key;
      case DoesNotExist -> "!" + key;
    };
  }
}
