package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.load.YNode.YMap;
import java.util.List;
import java.util.Optional;

/**
 * Turns YAML documents into {@link Manifest}s of the kinds npv models. Flattens {@code kind: List}
 * and typed lists ({@code NetworkPolicyList}, {@code PodList}, ...) as kubectl and the API print them
 * (items of a typed list may omit kind and apiVersion). Checks the apiVersion of known kinds, skips
 * other kinds with a note, and CNI-specific policy kinds with a warning.
 */
final class ManifestReader {
  /** The apiVersion each modelled kind must have. */
  static final ImmutableMap<String, String> API_VERSIONS = ImmutableMap.<String, String>builder()
      .put("NetworkPolicy", "networking.k8s.io/v1")
      .put("Namespace", "v1")
      .put("Node", "v1")
      .put("Pod", "v1")
      .put("ReplicationController", "v1")
      .put("Deployment", "apps/v1")
      .put("StatefulSet", "apps/v1")
      .put("DaemonSet", "apps/v1")
      .put("ReplicaSet", "apps/v1")
      .put("Job", "batch/v1")
      .put("CronJob", "batch/v1")
      .put("AdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1")
      .put("BaselineAdminNetworkPolicy", "policy.networking.k8s.io/v1alpha1")
      .put("ClusterNetworkPolicy", "policy.networking.k8s.io/v1alpha2")
      .put("CiliumNetworkPolicy", CiliumPolicyReader.API_VERSION)
      .put("CiliumClusterwideNetworkPolicy", CiliumPolicyReader.API_VERSION)
      .buildOrThrow();
  /**
   * Kinds that are read and validated, but that the evaluators do not apply yet: they stay "unmodelled
   * policy kinds" (warned about as such), so no result silently leaves out what they allow or deny.
   */
  static final ImmutableSet<String> NOT_YET_EVALUATED =
      ImmutableSet.of("CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy");
  /** API groups of Kubernetes itself: a modelled kind in one of them with another version is an error. */
  private static final ImmutableSet<String> KUBERNETES_GROUPS =
      ImmutableSet.of("", "apps", "batch", "extensions", "networking.k8s.io", "policy.networking.k8s.io");
  private static final ImmutableSet<String> LIST_FIELDS = ImmutableSet.of("apiVersion", "kind", "metadata", "items");
  private static final int MAX_LIST_DEPTH = 4;

  private final Diagnostics diags;

  ManifestReader(Diagnostics diags) {
    this.diags = diags;
  }

  ImmutableList<Manifest> read(List<YNode> documents) {
    ImmutableList.Builder<Manifest> out = ImmutableList.builder();
    for (YNode doc : documents) {
      if (doc instanceof YNode.YScalar s && s.isNull()) {
        continue; // an empty document, e.g. after a trailing '---'
      }
      read(doc, Optional.empty(), Optional.empty(), 0, out);
    }
    return out.build();
  }

  private void read(YNode node, Optional<String> defaultApiVersion, Optional<String> defaultKind, int depth,
                    ImmutableList.Builder<Manifest> out) {
    if (!(node instanceof YMap map)) {
      diags.error(Codes.NOT_AN_OBJECT, node.location(), "expected a Kubernetes object (a mapping with"
          + " apiVersion, kind and metadata), got " + node.typeName());
      return;
    }
    Fields f = Fields.of(map, "object", diags).orElseThrow();
    Optional<String> kind = defaultKind.isPresent() && !f.has("kind") ? defaultKind : f.requireString("kind");
    Optional<String> apiVersion = defaultApiVersion.isPresent() && !f.has("apiVersion") ? defaultApiVersion
        : f.requireString("apiVersion");
    if (kind.isEmpty() || apiVersion.isEmpty()) {
      return;
    }
    String k = kind.get();
    if (isList(k)) {
      readList(Fields.of(map, k, diags).orElseThrow(), apiVersion.get(), k, depth, out);
      return;
    }
    String group = apiVersion.get().contains("/")
        ? apiVersion.get().substring(0, apiVersion.get().indexOf('/')) : "";
    String expected = API_VERSIONS.get(k);
    if (expected != null && expected.equals(apiVersion.get())) {
      out.add(new Manifest(apiVersion.get(), k, Fields.of(map, k, diags).orElseThrow(), map.location()));
      if (NOT_YET_EVALUATED.contains(k)) {
        diags.warning(Codes.UNMODELLED_KIND, f.valueLocation("kind"), k + " (" + apiVersion.get()
            + ") is a CNI-specific policy kind npv reads and validates but does not evaluate yet; results ignore"
            + " what it allows or denies");
      }
    } else if (expected != null && KUBERNETES_GROUPS.contains(group)) {
      diags.error(Codes.API_VERSION, f.valueLocation("apiVersion"), "unsupported apiVersion '"
          + apiVersion.get() + "' for kind " + k + " (expected " + expected + ")");
    } else if (k.contains("NetworkPolicy") || k.contains("NetworkSet")) {
      // A CNI's own policy kinds (Calico, Cilium, Antrea) can allow or deny what Kubernetes policies
      // do not: results would silently ignore them, so say so loudly.
      diags.warning(Codes.UNMODELLED_KIND, f.valueLocation("kind"), k + " (" + apiVersion.get()
          + ") is a CNI-specific policy kind npv does not model; skipped, so results ignore what it allows"
          + " or denies");
    } else {
      diags.note(Codes.SKIPPED_KIND, f.valueLocation("kind"), "skipped " + k + " (" + apiVersion.get()
          + "): npv does not model this kind");
    }
  }

  /** {@code List}, or the typed list of a kind npv knows (kubectl and the API print both). */
  private static boolean isList(String kind) {
    if (kind.equals("List")) {
      return true;
    }
    String item = kind.endsWith("List") ? kind.substring(0, kind.length() - 4) : "";
    return API_VERSIONS.containsKey(item);
  }

  private void readList(Fields list, String apiVersion, String kind, int depth,
                        ImmutableList.Builder<Manifest> out) {
    list.known(LIST_FIELDS);
    if (depth >= MAX_LIST_DEPTH) {
      diags.error(Codes.NOT_AN_OBJECT, list.location(), "lists nested deeper than " + MAX_LIST_DEPTH);
      return;
    }
    // Items of a typed list (e.g. PodList from the API) may omit their kind and apiVersion.
    Optional<String> itemKind = kind.equals("List") ? Optional.empty()
        : Optional.of(kind.substring(0, kind.length() - "List".length()));
    Optional<String> itemApiVersion = itemKind.isPresent() ? Optional.of(apiVersion) : Optional.empty();
    for (YNode item : list.list("items").orElse(ImmutableList.of())) {
      read(item, itemApiVersion, itemKind, depth + 1, out);
    }
  }
}
