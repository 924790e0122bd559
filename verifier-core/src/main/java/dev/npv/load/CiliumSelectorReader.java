package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.model.CiliumSelector;
import dev.npv.model.LabelSelector;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a Cilium EndpointSelector (a meta/v1 LabelSelector whose keys may carry a label source) and
 * scopes it to namespaces as Cilium's ParseToCiliumRule does (pkg/k8s/apis/cilium.io/utils/utils.go):
 *
 * <ul>
 *   <li>A key is {@code source:key}; {@code k8s:}, {@code any:} and no prefix all match the Kubernetes
 *       labels npv knows. {@code reserved:} (or {@code $}) names Cilium's reserved identities, which
 *       npv reads only as entities; other sources are not labels npv knows. Both are refused.</li>
 *   <li>The subject of a CiliumNetworkPolicy always gets {@code k8s:io.kubernetes.pod.namespace=<ns>},
 *       replacing a {@code k8s:}-prefixed namespace match the user wrote (Cilium logs a warning).</li>
 *   <li>An endpoint peer without a namespace requirement gets, in a CiliumNetworkPolicy, the policy's
 *       namespace (unless it selects by namespace labels); in a clusterwide policy, "has a namespace".</li>
 * </ul>
 */
final class CiliumSelectorReader {
  private static final ImmutableSet<String> SELECTOR_FIELDS = ImmutableSet.of("matchLabels", "matchExpressions");
  private static final ImmutableSet<String> REQUIREMENT_FIELDS = ImmutableSet.of("key", "operator", "values");

  /** One requirement as written: its label source (empty when none), the key without it, and where. */
  private record Req(String source, String key, SelectorOperator op, ImmutableList<String> values, boolean label,
                     SourceLocation at) {
  }

  private final Diagnostics diags;

  CiliumSelectorReader(Diagnostics diags) {
    this.diags = diags;
  }

  /** The subject ({@code endpointSelector}) of a policy in {@code namespace} (empty: clusterwide). */
  Optional<CiliumSelector> subject(YNode node, String what, Optional<String> namespace) {
    Optional<List<Req>> read = read(node, what);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    List<Req> reqs = new ArrayList<>(read.get());
    if (namespace.isPresent()) {
      String ns = namespace.get();
      for (Req r : List.copyOf(reqs)) {
        if (r.label() && r.key().equals(CiliumSelector.NAMESPACE) && r.source().equals("k8s")) {
          reqs.remove(r);
          if (!r.values().equals(ImmutableList.of(ns))) {
            diags.warning(Codes.CILIUM_NAMESPACE_OVERRIDDEN, r.at(), "the endpointSelector of a"
                + " CiliumNetworkPolicy always selects pods of the policy's namespace '" + ns + "'; Cilium replaces"
                + " this match on namespace '" + r.values().get(0) + "' (use a CiliumClusterwideNetworkPolicy to"
                + " select pods of other namespaces)");
          }
        }
      }
      reqs.add(new Req("k8s", CiliumSelector.NAMESPACE, SelectorOperator.In, ImmutableList.of(ns), true,
          node.location()));
    }
    return Optional.of(build(reqs));
  }

  /** An endpoint peer ({@code fromEndpoints}, {@code toEndpoints}) of a policy in {@code namespace}. */
  Optional<CiliumSelector> peer(YNode node, String what, Optional<String> namespace) {
    Optional<List<Req>> read = read(node, what);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    List<Req> reqs = new ArrayList<>(read.get());
    boolean namesNamespace = reqs.stream().anyMatch(r -> r.key().equals(CiliumSelector.NAMESPACE));
    boolean namespaceLabels = reqs.stream().anyMatch(r -> r.key().startsWith(CiliumSelector.NAMESPACE_LABELS));
    if (!namesNamespace && namespace.isEmpty()) {
      reqs.add(new Req("k8s", CiliumSelector.NAMESPACE, SelectorOperator.Exists, ImmutableList.of(), false,
          node.location()));
    } else if (!namesNamespace && !namespaceLabels) {
      reqs.add(new Req("k8s", CiliumSelector.NAMESPACE, SelectorOperator.In, ImmutableList.of(namespace.get()),
          true, node.location()));
    }
    return Optional.of(build(reqs));
  }

  /** matchLabels as labels while their keys are distinct; a second match on one key becomes an In requirement. */
  private static CiliumSelector build(List<Req> reqs) {
    Map<String, String> labels = new TreeMap<>();
    List<SelectorRequirement> exprs = new ArrayList<>();
    for (Req r : reqs) {
      if (r.label() && !labels.containsKey(r.key())) {
        labels.put(r.key(), r.values().get(0));
      } else {
        exprs.add(new SelectorRequirement(r.key(), r.op(), ImmutableSortedSet.copyOf(r.values())));
      }
    }
    return new CiliumSelector(new LabelSelector(ImmutableSortedMap.copyOf(labels),
        ImmutableList.copyOf(exprs)));
  }

  private Optional<List<Req>> read(YNode node, String what) {
    Optional<Fields> f = Fields.of(node, "EndpointSelector (" + what + ")", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    int errorsBefore = diags.errorCount();
    Fields sel = f.get().known(SELECTOR_FIELDS);
    List<Req> out = new ArrayList<>();
    sel.object("matchLabels", "matchLabels of " + what).ifPresent(m -> {
      for (YNode.Entry e : m.map().entries()) {
        if (e.value() instanceof YNode.YScalar s && s.isNull()) {
          continue;
        }
        Optional<String> value = Fields.asString(e.value(), "the value of '" + e.key() + "' in matchLabels of "
            + what, diags);
        if (value.isEmpty()) {
          continue;
        }
        Optional<String> p = K8sNames.labelValueProblem(value.get());
        if (p.isPresent()) {
          diags.error(Codes.LABEL_VALUE, e.value().location(), "invalid label value '" + value.get() + "' for '"
              + e.key() + "' in matchLabels of " + what + ": " + p.get());
          continue;
        }
        key(e.key(), e.keyLocation(), what).ifPresent(k -> out.add(new Req(k[0], k[1], SelectorOperator.In,
            ImmutableList.of(value.get()), true, e.keyLocation())));
      }
    });
    for (YNode item : sel.list("matchExpressions").orElse(ImmutableList.of())) {
      requirement(item, what).ifPresent(out::add);
    }
    return diags.errorCount() > errorsBefore ? Optional.empty() : Optional.of(out);
  }

  private Optional<Req> requirement(YNode node, String what) {
    Optional<Fields> f = Fields.of(node, "LabelSelectorRequirement", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(REQUIREMENT_FIELDS);
    Optional<String[]> key = r.requireString("key").flatMap(k -> key(k, r.valueLocation("key"), what));
    Optional<String> opText = r.requireString("operator");
    Optional<SelectorOperator> op = opText.flatMap(SelectorOperator::parse);
    if (opText.isPresent() && op.isEmpty()) {
      diags.error(Codes.SELECTOR_OPERATOR, r.valueLocation("operator"), "unknown selector operator '"
          + opText.get() + "' (valid: " + String.join(", ",
              Arrays.stream(SelectorOperator.values()).map(Enum::name).toList()) + "; case-sensitive)");
    }
    List<String> values = new ArrayList<>();
    for (YNode v : r.list("values").orElse(ImmutableList.of())) {
      Fields.asString(v, "a value in matchExpressions of " + what, diags).ifPresent(values::add);
    }
    if (op.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    // The API server does not check these, but Cilium's agent cannot turn such a selector into one.
    if (op.get().takesValues() && values.isEmpty()) {
      diags.error(Codes.SELECTOR_VALUES, r.keyLocation(r.has("values") ? "values" : "operator"), "operator "
          + op.get() + " needs a non-empty 'values' list (add the values, or use Exists/DoesNotExist)");
      return Optional.empty();
    }
    if (!op.get().takesValues() && !values.isEmpty()) {
      diags.error(Codes.SELECTOR_VALUES, r.keyLocation("values"), "operator " + op.get() + " takes no values,"
          + " but 'values' is not empty (remove 'values', or use In/NotIn)");
      return Optional.empty();
    }
    return Optional.of(new Req(key.get()[0], key.get()[1], op.get(), ImmutableList.copyOf(values), false,
        node.location()));
  }

  /**
   * Splits {@code source:key} (pkg/labels: the text before the first ':'; a leading '$' is
   * {@code reserved:}) and refuses what npv cannot match: sources other than k8s and any, and the
   * ClusterMesh cluster label. Returns {source, key}.
   */
  private Optional<String[]> key(String text, SourceLocation at, String what) {
    String source = "";
    String key = text;
    if (text.startsWith("$")) {
      source = "reserved";
      key = text.substring(1);
    } else if (text.indexOf(':') >= 0) {
      source = text.substring(0, text.indexOf(':'));
      key = text.substring(text.indexOf(':') + 1);
    }
    if (source.equals("reserved")) {
      diags.error(Codes.CILIUM_LABEL_SOURCE, at, "'" + text + "' in " + what + " names a reserved Cilium"
          + " identity, which npv reads only as an entity (write fromEntities/toEntities, e.g. '" + key + "')");
      return Optional.empty();
    }
    if (!source.isEmpty() && !source.equals("k8s") && !source.equals("any")) {
      diags.error(Codes.CILIUM_LABEL_SOURCE, at, "label source '" + source + ":' in " + what + " is not modelled:"
          + " npv knows the Kubernetes labels of pods and namespaces (write the key with k8s:, any: or no prefix)");
      return Optional.empty();
    }
    if (key.equals(CiliumSelector.CLUSTER)) {
      diags.error(Codes.CILIUM_UNSUPPORTED, at, "'" + text + "' in " + what + " selects by ClusterMesh cluster"
          + " name, which npv does not know (it checks one cluster); remove the requirement");
      return Optional.empty();
    }
    if (key.equals(CiliumSelector.SERVICE_ACCOUNT)) {
      diags.warning(Codes.CILIUM_SERVICE_ACCOUNT, at, "'" + text + "' in " + what + " selects by service account,"
          + " which npv's workload model does not hold: whether it matches a pod is unknown to npv");
    } else if (!key.equals(CiliumSelector.NAMESPACE)) {
      String labelKey = key.startsWith(CiliumSelector.NAMESPACE_LABELS)
          ? key.substring(CiliumSelector.NAMESPACE_LABELS.length()) : key;
      K8sNames.labelKeyProblem(labelKey).ifPresent(p -> diags.warning(Codes.CILIUM_LABEL_KEY, at, "'" + text
          + "' in " + what + " is not a valid Kubernetes label key (" + p + "), so no pod or namespace has it"));
    }
    return Optional.of(new String[] {source, key});
  }
}
