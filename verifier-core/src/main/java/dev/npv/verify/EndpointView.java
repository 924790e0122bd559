package dev.npv.verify;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Optional;

/**
 * How a counterexample endpoint is shown: an external address, a node's address (of a node of the
 * manifests, or of a new node: {@code newNode}), an existing workload, or a hypothetical pod (possibly
 * in a namespace that does not exist yet), with the labels that matter (a node's own for a node).
 */
public record EndpointView(Kind kind, Optional<String> workload, Optional<String> namespace,
                           ImmutableSortedMap<String, String> namespaceLabels,
                           ImmutableSortedMap<String, String> labels, Optional<String> ip,
                           boolean newNamespace, Optional<String> node, boolean newNode) {
  public enum Kind { WORKLOAD, HYPOTHETICAL_POD, EXTERNAL, NODE }

  public EndpointView(Kind kind, Optional<String> workload, Optional<String> namespace,
                      ImmutableSortedMap<String, String> namespaceLabels,
                      ImmutableSortedMap<String, String> labels, Optional<String> ip, boolean newNamespace) {
    this(kind, workload, namespace, namespaceLabels, labels, ip, newNamespace, Optional.empty(), false);
  }

  /** One line for people, e.g. "a new pod labelled app=frontend in new namespace x (project=myApp)". */
  public String describe() {
    return switch (kind) {
      case EXTERNAL -> "external address " + ip.orElse("?");
      case NODE -> (newNode ? "a new node" : "node " + node.orElse("?"))
          + (labels.isEmpty() ? " with no labels" : " labelled " + labelText("", labels)) + " at " + ip.orElse("?");
      case WORKLOAD -> workload.orElse("?") + labelText(" ", labels) + namespaceText();
      case HYPOTHETICAL_POD -> "a new pod" + (labels.isEmpty() ? " with no labels" : " labelled "
          + labelText("", labels)) + " in " + (newNamespace ? "a new namespace " : "namespace ")
          + namespace.orElse("?") + namespaceText();
    };
  }

  private String namespaceText() {
    return namespaceLabels.isEmpty() ? "" : " (namespace labels " + labelText("", namespaceLabels) + ")";
  }

  private static String labelText(String prefix, ImmutableSortedMap<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(prefix);
    labels.forEach((k, v) -> b.append(b.length() > prefix.length() ? "," : "").append(k).append('=').append(v));
    return prefix.isEmpty() ? b.toString() : prefix + "[" + b.substring(prefix.length()) + "]";
  }
}
