package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.load.YNode.YMap;
import dev.npv.model.UnmodelledPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns YAML documents into {@link Manifest}s of the kinds npv models. Flattens {@code kind: List}
 * and typed lists ({@code NetworkPolicyList}, {@code PodList}, ...) as kubectl and the API print them
 * (items of a typed list may omit kind and apiVersion). Checks the apiVersion of known kinds, skips
 * other kinds with a note, and CNI-specific policy kinds with a warning, keeping them aside as
 * {@link UnmodelledPolicy} objects.
 */
final class ManifestReader {
  /**
   * The apiVersion each modelled kind is written in (the one a refusal's fix hint names); a kind may
   * also be read in the older versions of {@link #OLDER_API_VERSIONS}.
   */
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
      .put("ClusterNetworkPolicy", AdminPolicyReader.CNP_V1BETA1)
      .buildOrThrow();
  /**
   * Older apiVersions still read for a kind of {@link #API_VERSIONS}, each with its own schema:
   * ClusterNetworkPolicy v1alpha2 (v1beta1's schema but for its CIDR rule, see {@link AdminPolicyReader}).
   */
  static final ImmutableMap<String, ImmutableSet<String>> OLDER_API_VERSIONS = ImmutableMap.of(
      "ClusterNetworkPolicy", ImmutableSet.of(AdminPolicyReader.CNP_V1ALPHA2));
  /**
   * CNI policy kinds npv reads, with their apiVersion: kept apart from {@link #API_VERSIONS} (the kinds
   * every cluster serves), as a cluster without that CNI does not serve them. Another version of such
   * a kind is a CNI kind npv does not model.
   */
  static final ImmutableMap<String, String> CNI_API_VERSIONS = ImmutableMap.of(
      "CiliumNetworkPolicy", CiliumPolicyReader.API_VERSION,
      "CiliumClusterwideNetworkPolicy", CiliumPolicyReader.API_VERSION);
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

  /**
   * The policy kinds npv does not model whose objects select only pods of their own namespace (Antrea's
   * and Calico's NetworkPolicy, CiliumNetworkPolicy, ...). Any other such kind may select any endpoint.
   */
  private static final ImmutableSet<String> NAMESPACED_UNMODELLED = ImmutableSet.of("NetworkPolicy",
      "StagedNetworkPolicy", "StagedKubernetesNetworkPolicy", "CiliumNetworkPolicy", "MultiNetworkPolicy",
      "EgressFirewall", "EgressNetworkPolicy");

  private final Diagnostics diags;
  private final InputDefaults defaults;
  private final UnmodelledKinds ignored;
  private final List<UnmodelledPolicy> unmodelled = new ArrayList<>();

  ManifestReader(Diagnostics diags) {
    this(diags, new InputDefaults(Optional.empty()), UnmodelledKinds.NONE);
  }

  ManifestReader(Diagnostics diags, InputDefaults defaults, UnmodelledKinds ignored) {
    this.diags = diags;
    this.defaults = defaults;
    this.ignored = ignored;
  }

  /** Keeps aside a modelled policy with parts npv does not model (read by another reader). */
  void keepAside(UnmodelledPolicy p) {
    unmodelled.add(p);
  }

  /** The objects read so far whose policy kinds npv does not model (and the user did not ignore). */
  ImmutableList<UnmodelledPolicy> unmodelled() {
    return ImmutableList.copyOf(unmodelled);
  }

  /**
   * A CNI's own policy kinds (Calico, Cilium, Antrea) can allow or deny what Kubernetes policies do not:
   * the object is kept aside, so that the verdicts it could change are reported UNKNOWN, and said loudly.
   */
  private void unmodelled(Fields object, String kind, String apiVersion) {
    if (ignored.ignores(kind, apiVersion)) {
      diags.warning(Codes.UNMODELLED_KIND, object.valueLocation("kind"), kind + " (" + apiVersion
          + ") is a CNI-specific policy kind npv does not model; ignored as asked (--ignore-unmodelled), so"
          + " results leave out what it allows or denies");
      return;
    }
    Optional<YMap> meta = object.node("metadata").filter(YMap.class::isInstance).map(YMap.class::cast);
    Optional<String> name = meta.flatMap(m -> scalar(m, "name")).or(() -> meta.flatMap(m -> scalar(m, "generateName")));
    Optional<String> namespace = NAMESPACED_UNMODELLED.contains(kind)
        ? Optional.of(meta.flatMap(m -> scalar(m, "namespace")).orElseGet(() -> defaults.namespaceFor(object.location())))
        : Optional.empty();
    UnmodelledPolicy p = new UnmodelledPolicy(kind, apiVersion, namespace, name.orElse("<unnamed>"), object.location());
    unmodelled.add(p);
    diags.warning(Codes.UNMODELLED_KIND, object.valueLocation("kind"), kind + " (" + apiVersion + ") is a"
        + " CNI-specific policy kind npv does not model: every verdict it could change is reported UNKNOWN ("
        + (p.clusterWide() ? "any invariant" : "invariants with an endpoint that may be in namespace "
        + namespace.get()) + "); give --ignore-unmodelled " + kind + " to check without it");
  }

  private static Optional<String> scalar(YMap m, String key) {
    return m.get(key).filter(n -> n instanceof YNode.YScalar s && !s.isNull()).map(n -> ((YNode.YScalar) n).text())
        .filter(t -> !t.isEmpty());
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
    String expected = API_VERSIONS.getOrDefault(k, CNI_API_VERSIONS.get(k));
    if (expected != null && (expected.equals(apiVersion.get())
        || OLDER_API_VERSIONS.getOrDefault(k, ImmutableSet.of()).contains(apiVersion.get()))) {
      out.add(new Manifest(apiVersion.get(), k, Fields.of(map, k, diags).orElseThrow(), map.location()));
      if (NOT_YET_EVALUATED.contains(k)) {
        // Validated by its reader, but also kept aside: the verdicts it could change stay UNKNOWN.
        unmodelled(f, k, apiVersion.get());
      }
    } else if (expected != null && KUBERNETES_GROUPS.contains(group)) {
      diags.error(Codes.API_VERSION, f.valueLocation("apiVersion"), "unsupported apiVersion '"
          + apiVersion.get() + "' for kind " + k + " (write apiVersion: " + expected
          + OLDER_API_VERSIONS.getOrDefault(k, ImmutableSet.of()).stream().map(v -> " or " + v)
              .collect(Collectors.joining()) + "; convert the object if its fields differ)");
    } else if (CalicoKinds.is(apiVersion.get(), k)) {
      // Read and validated strictly into Cluster.calico(). Until both evaluators decide Calico policies in
      // the verifier (--cni calico is not wired in yet), a policy is still kept aside as unmodelled, so every
      // verdict it could change is UNKNOWN; network sets and tiers by themselves allow or deny nothing.
      out.add(new Manifest(apiVersion.get(), k, Fields.of(map, k, diags).orElseThrow(), map.location()));
      if (k.contains("NetworkPolicy")) {
        unmodelled(f, k, apiVersion.get());
      }
    } else if (k.contains("NetworkSet")) {
      diags.warning(Codes.UNMODELLED_KIND, f.valueLocation("kind"), k + " (" + apiVersion.get()
          + ") is a set of addresses for a CNI's own policies, which npv does not model; skipped (by itself it"
          + " allows or denies nothing)");
    } else if (k.contains("NetworkPolicy") || k.equals("EgressFirewall")) {
      unmodelled(f, k, apiVersion.get());
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
    return API_VERSIONS.containsKey(item) || CalicoKinds.KINDS.contains(item) || CNI_API_VERSIONS.containsKey(item);
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
