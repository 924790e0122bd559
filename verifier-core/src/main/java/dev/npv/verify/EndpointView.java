package dev.npv.verify;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Optional;

/**
 * How a counterexample endpoint is shown: an external address, a node's address (of a node of the
 * manifests, or of a new node: {@code newNode}), an existing workload, or a hypothetical pod (possibly
 * in a namespace that does not exist yet), with the labels that matter (a node's own for a node).
 *
 * <p>{@code address} says where {@code ip} comes from: the manifests ({@link Address#GIVEN}, also
 * every external address and node); npv's choice among the addresses the pod may have, on which the
 * verdict depends ({@link Address#ASSUMED}, with {@code addressRule} saying which it may have); or
 * nowhere: the verdict is the same at every address the pod may have, so none is shown
 * ({@link Address#UNKNOWN}, {@code ip} empty). A report never shows an address the manifests do not
 * give without saying so.
 */
public record EndpointView(Kind kind, Optional<String> workload, Optional<String> namespace,
                           ImmutableSortedMap<String, String> namespaceLabels,
                           ImmutableSortedMap<String, String> labels, Optional<String> ip,
                           boolean newNamespace, Optional<String> node, boolean newNode, Address address,
                           Optional<String> addressRule) {
  public enum Kind { WORKLOAD, HYPOTHETICAL_POD, EXTERNAL, NODE }

  /** Where a shown address comes from. */
  public enum Address { GIVEN, ASSUMED, UNKNOWN }

  public EndpointView {
    if (address == Address.UNKNOWN && ip.isPresent()) {
      throw new IllegalArgumentException("an unknown address is not shown");
    }
  }

  public EndpointView(Kind kind, Optional<String> workload, Optional<String> namespace,
                      ImmutableSortedMap<String, String> namespaceLabels,
                      ImmutableSortedMap<String, String> labels, Optional<String> ip, boolean newNamespace) {
    this(kind, workload, namespace, namespaceLabels, labels, ip, newNamespace, Optional.empty(), false);
  }

  public EndpointView(Kind kind, Optional<String> workload, Optional<String> namespace,
                      ImmutableSortedMap<String, String> namespaceLabels,
                      ImmutableSortedMap<String, String> labels, Optional<String> ip, boolean newNamespace,
                      Optional<String> node, boolean newNode) {
    this(kind, workload, namespace, namespaceLabels, labels, ip, newNamespace, node, newNode, Address.GIVEN,
        Optional.empty());
  }

  /** The same end with its address not given by the manifests: assumed {@code ip}, or unknown. */
  public EndpointView withAddress(Address address, Optional<String> ip, String rule) {
    return new EndpointView(kind, workload, namespace, namespaceLabels, labels, ip, newNamespace, node, newNode,
        address, Optional.of(rule));
  }

  /** One line for people, e.g. "a new pod labelled app=frontend in new namespace x (project=myApp)". */
  public String describe() {
    return switch (kind) {
      case EXTERNAL -> "external address " + ip.orElse("?");
      case NODE -> (newNode ? "a new node" : "node " + node.orElse("?"))
          + (labels.isEmpty() ? " with no labels" : " labelled " + labelText("", labels)) + " at " + ip.orElse("?");
      case WORKLOAD -> workload.orElse("?") + labelText(" ", labels) + namespaceText() + assumedText();
      case HYPOTHETICAL_POD -> "a new pod" + (labels.isEmpty() ? " with no labels" : " labelled "
          + labelText("", labels)) + " in " + (newNamespace ? "a new namespace " : "namespace ")
          + namespace.orElse("?") + namespaceText() + assumedText();
    };
  }

  /** An address the verdict depends on but the manifests do not give: shown, and said so. */
  private String assumedText() {
    return address == Address.ASSUMED ? " at " + ip.orElse("?") + " (" + addressRule.orElse("") + ")" : "";
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
