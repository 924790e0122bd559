package dev.npv.model;

import java.util.Map;

/**
 * The pods an admin policy applies to. The API's {@code subject.namespaces: S} is
 * {@code (S, everything)}; {@code subject.pods: {namespaceSelector, podSelector}} is both selectors
 * ANDed. Empty selectors select everything. hostNetwork pods are never subjects.
 */
public record AdminSubject(LabelSelector namespaceSelector, LabelSelector podSelector) {
  public boolean matches(Map<String, String> namespaceLabels, Map<String, String> podLabels) {
    return namespaceSelector.matches(namespaceLabels) && podSelector.matches(podLabels);
  }

  @Override
  public String toString() {
    return "namespaces " + namespaceSelector + (podSelector.isEmpty() ? "" : " pods " + podSelector);
  }
}
