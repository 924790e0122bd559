package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A meta/v1 LabelSelector: matchLabels AND every matchExpressions requirement. The empty selector
 * matches everything.
 */
public record LabelSelector(ImmutableSortedMap<String, String> matchLabels,
                            ImmutableList<SelectorRequirement> matchExpressions) {
  public static final LabelSelector ALL = new LabelSelector(ImmutableSortedMap.of(), ImmutableList.of());

  public static LabelSelector matchLabels(Map<String, String> labels) {
    return new LabelSelector(ImmutableSortedMap.copyOf(labels), ImmutableList.of());
  }

  public boolean isEmpty() {
    return matchLabels.isEmpty() && matchExpressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (SelectorRequirement r : matchExpressions) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** kubectl-style text: {@code app=web,tier in (a,b)}; {@code {}} for the empty selector. */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "{}";
    }
    List<String> parts = new ArrayList<>();
    matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
    matchExpressions.forEach(r -> parts.add(r.toString()));
    return String.join(",", parts);
  }
}
