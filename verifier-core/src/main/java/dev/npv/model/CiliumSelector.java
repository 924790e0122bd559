package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A Cilium EndpointSelector after loading: a label selector over an endpoint's Cilium labels, with the
 * source prefixes {@code k8s:} and {@code any:} removed (every label npv knows comes from Kubernetes, so
 * both match it) and the namespace scoping Cilium adds already applied. An endpoint's Cilium labels
 * ({@link #labelsOf}) are its pod labels plus {@value #NAMESPACE} (its namespace's name) and
 * {@value #NAMESPACE_LABELS}{@code <key>} for each label of its namespace
 * (Documentation/security/policy/kubernetes.rst, "Namespaces"; pkg/k8s/apis/cilium.io/const.go).
 *
 * <p>{@value #SERVICE_ACCOUNT} is a label of the pod's service account, which npv's workload model
 * does not hold: {@link #usesServiceAccount} tells the evaluators that this selector's match is not
 * known for a concrete pod.
 */
public record CiliumSelector(LabelSelector selector) {
  /** The pod's namespace: {@code k8s:io.kubernetes.pod.namespace}. */
  public static final String NAMESPACE = "io.kubernetes.pod.namespace";
  /** Prefix of the namespace's labels as pod labels: {@code io.cilium.k8s.namespace.labels.<key>}. */
  public static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";
  /** The pod's service account name. */
  public static final String SERVICE_ACCOUNT = "io.cilium.k8s.policy.serviceaccount";
  /** The ClusterMesh cluster name of the endpoint (npv checks one cluster, whose name it does not know). */
  public static final String CLUSTER = "io.cilium.k8s.policy.cluster";

  /** Every endpoint (with a namespace; see the loader for where Cilium adds that requirement). */
  public static final CiliumSelector ALL = new CiliumSelector(LabelSelector.ALL);

  /** The Cilium labels of a pod of {@code namespace} (with {@code namespaceLabels}) that has {@code podLabels}. */
  public static ImmutableSortedMap<String, String> labelsOf(String namespace, Map<String, String> namespaceLabels,
                                                            Map<String, String> podLabels) {
    ImmutableSortedMap.Builder<String, String> out = ImmutableSortedMap.naturalOrder();
    // Cilium's own labels win over a pod label of the same key (it derives them from the namespace).
    podLabels.forEach((k, v) -> {
      if (!k.equals(NAMESPACE) && !k.startsWith(NAMESPACE_LABELS)) {
        out.put(k, v);
      }
    });
    out.put(NAMESPACE, namespace);
    namespaceLabels.forEach((k, v) -> out.put(NAMESPACE_LABELS + k, v));
    return out.buildOrThrow();
  }

  public boolean matches(Map<String, String> ciliumLabels) {
    return selector.matches(ciliumLabels);
  }

  /** Whether some requirement looks at the pod's service account (unknown to npv). */
  public boolean usesServiceAccount() {
    return keys().anyMatch(SERVICE_ACCOUNT::equals);
  }

  /** Whether some requirement names the namespace, by name or by its labels. */
  public boolean namesNamespace() {
    return keys().anyMatch(k -> k.equals(NAMESPACE) || k.startsWith(NAMESPACE_LABELS));
  }

  /**
   * The requirements on the pod's namespace, as a selector over namespace labels: the namespace's name
   * becomes its {@value Namespace#NAME_LABEL} label (which every namespace has, with its name), and
   * {@value #NAMESPACE_LABELS}{@code <key>} the label {@code <key>}.
   */
  public LabelSelector namespacePart() {
    return part(k -> k.equals(NAMESPACE) ? Namespace.NAME_LABEL
        : k.startsWith(NAMESPACE_LABELS) ? k.substring(NAMESPACE_LABELS.length()) : null);
  }

  /** The requirements on the pod's own labels (neither namespace nor service account). */
  public LabelSelector podPart() {
    return part(k -> k.equals(NAMESPACE) || k.startsWith(NAMESPACE_LABELS) || k.equals(SERVICE_ACCOUNT) ? null : k);
  }

  /** The requirements whose key {@code rename} maps to a non-null key, renamed. */
  private LabelSelector part(UnaryOperator<String> rename) {
    Map<String, String> labels = new TreeMap<>();
    List<SelectorRequirement> exprs = new ArrayList<>();
    selector.matchLabels().forEach((k, v) -> {
      String key = rename.apply(k);
      if (key != null && labels.putIfAbsent(key, v) != null) {
        exprs.add(SelectorRequirement.of(key, SelectorOperator.In, v));
      }
    });
    for (SelectorRequirement r : selector.matchExpressions()) {
      String key = rename.apply(r.key());
      if (key != null) {
        exprs.add(new SelectorRequirement(key, r.operator(), r.values()));
      }
    }
    return new LabelSelector(ImmutableSortedMap.copyOf(labels), ImmutableList.copyOf(exprs));
  }

  private Stream<String> keys() {
    return Stream.concat(selector.matchLabels().keySet().stream(),
        selector.matchExpressions().stream().map(SelectorRequirement::key));
  }

  @Override
  public String toString() {
    return selector.toString();
  }
}
