package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads ObjectMeta strictly: the usual metadata fields only, name syntax, label syntax, owners. */
final class MetadataReader {
  /** The ObjectMeta fields that kubectl get -o yaml may print. */
  static final ImmutableSet<String> FIELDS = ImmutableSet.of("name", "namespace", "labels", "annotations",
      "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "ownerReferences",
      "finalizers", "generateName", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink");
  private static final ImmutableSet<String> OWNER_FIELDS = ImmutableSet.of("apiVersion", "kind", "name", "uid",
      "controller", "blockOwnerDeletion");

  private MetadataReader() {
  }

  /**
   * Reads {@code metadata} of an object of {@code kind}. Namespaces need a DNS-1123 label as name,
   * other kinds a DNS-1123 subdomain. Empty when the name is missing or invalid (reported).
   */
  static Optional<ObjectMeta> read(Fields object, String kind, Diagnostics diags) {
    Optional<Fields> mf = object.requireObject("metadata", "ObjectMeta");
    if (mf.isEmpty()) {
      return Optional.empty();
    }
    Fields m = mf.get().known(FIELDS);
    Optional<String> name = m.requireString("name");
    name.ifPresent(n -> nameProblem(kind, n).ifPresent(p -> diags.error(Codes.NAME, m.valueLocation("name"),
        "invalid " + kind + " name '" + n + "': " + p)));
    Optional<String> namespace = m.string("namespace");
    namespace.ifPresent(n -> K8sNames.dnsLabelProblem(n).ifPresent(p -> diags.error(Codes.NAME,
        m.valueLocation("namespace"), "invalid namespace '" + n + "': " + p)));
    ImmutableSortedMap<String, String> labels = m.node("labels")
        .map(n -> LabelReader.read(n, "metadata.labels", diags)).orElse(ImmutableSortedMap.of());
    m.node("annotations").flatMap(n -> Fields.of(n, "annotations", diags));
    ImmutableList<ObjectMeta.OwnerRef> owners = owners(m, diags);
    SourceLocation at = m.valueLocation("name");
    return name.filter(n -> nameProblem(kind, n).isEmpty())
        .map(n -> new ObjectMeta(n, namespace, labels, owners, at));
  }

  /** Reads the labels of a pod template's metadata (which has no required name). */
  static ImmutableSortedMap<String, String> templateLabels(Fields template, Diagnostics diags) {
    return template.object("metadata", "ObjectMeta (pod template)")
        .map(m -> m.known(FIELDS))
        .flatMap(m -> m.node("labels"))
        .map(n -> LabelReader.read(n, "template labels", diags))
        .orElse(ImmutableSortedMap.of());
  }

  private static Optional<String> nameProblem(String kind, String name) {
    return kind.equals("Namespace") ? K8sNames.dnsLabelProblem(name) : K8sNames.subdomainProblem(name);
  }

  private static ImmutableList<ObjectMeta.OwnerRef> owners(Fields m, Diagnostics diags) {
    List<ObjectMeta.OwnerRef> out = new ArrayList<>();
    for (YNode item : m.list("ownerReferences").orElse(ImmutableList.of())) {
      Fields.of(item, "OwnerReference", diags).map(f -> f.known(OWNER_FIELDS)).ifPresent(o -> {
        Optional<String> apiVersion = o.requireString("apiVersion");
        Optional<String> kind = o.requireString("kind");
        Optional<String> name = o.requireString("name");
        boolean controller = o.bool("controller").orElse(false);
        if (apiVersion.isPresent() && kind.isPresent() && name.isPresent()) {
          out.add(new ObjectMeta.OwnerRef(apiVersion.get(), kind.get(), name.get(), controller));
        }
      });
    }
    return ImmutableList.copyOf(out);
  }
}
