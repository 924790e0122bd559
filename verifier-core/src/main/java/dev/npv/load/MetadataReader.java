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
   * other kinds a DNS-1123 subdomain. A namespaced object without {@code metadata.namespace} gets the
   * load's default namespace ({@link InputDefaults}); cluster-scoped ones keep what is written. Empty
   * when the name is missing or invalid (reported). Fields that cannot change a verdict (annotations,
   * ownerReferences, managedFields) only get a warning when malformed.
   */
  static Optional<ObjectMeta> read(Fields object, String kind, boolean namespaced, InputDefaults defaults,
                                   Diagnostics diags) {
    Optional<Fields> mf = object.requireObject("metadata", "ObjectMeta");
    if (mf.isEmpty()) {
      return Optional.empty();
    }
    Fields m = mf.get().known(FIELDS);
    Optional<String> name = name(m, defaults, diags);
    // A generated name is marked as such and was checked as a prefix.
    boolean validName = name.isPresent() && (!m.has("name") || nameProblem(kind, name.get()).isEmpty());
    name.filter(n -> !validName).ifPresent(n -> diags.error(Codes.NAME, m.valueLocation("name"), "invalid " + kind
        + " name '" + n + "': " + nameProblem(kind, n).orElseThrow() + " (rename it; the API server refuses this name)"));
    // "" is what an unset namespace serialises to (omitempty); kubectl and the API server treat it as unset.
    Optional<String> namespace = m.string("namespace").filter(n -> !n.isEmpty());
    namespace.ifPresent(n -> K8sNames.dnsLabelProblem(n).ifPresent(p -> diags.error(Codes.NAME,
        m.valueLocation("namespace"), "invalid namespace '" + n + "': " + p
            + " (rename it; the API server refuses this namespace)")));
    if (namespaced && validName && namespace.isEmpty()) {
      namespace = Optional.of(defaults.namespaceFor(object.location()));
    }
    ImmutableSortedMap<String, String> labels = m.node("labels")
        .map(n -> LabelReader.read(n, "metadata.labels", diags)).orElse(ImmutableSortedMap.of());
    Diagnostics ignorable = new Diagnostics();
    m.node("annotations").ifPresent(n -> annotations(n, ignorable));
    m.node("managedFields").flatMap(n -> Fields.asList(n, "'managedFields' in ObjectMeta", ignorable))
        .ifPresent(items -> items.forEach(i -> Fields.of(i, "ManagedFieldsEntry", ignorable)));
    ImmutableList<ObjectMeta.OwnerRef> owners = owners(m, ignorable);
    // These fields decide no connection: a malformed one is left out with a warning, not refused.
    ignorable.sorted().forEach(d -> diags.warning(Codes.METADATA_IGNORED, d.location(), d.message()
        + "; npv ignores it, as it cannot change a verdict (the API server would refuse it: fix it before"
        + " applying)"));
    SourceLocation at = m.has("name") ? m.valueLocation("name") : m.valueLocation("generateName");
    Optional<String> ns = namespace;
    return name.filter(n -> validName).map(n -> new ObjectMeta(n, ns, labels, owners, at));
  }

  /**
   * {@code metadata.name}, or for an object that gives only {@code generateName} (the API server
   * then names it {@code generateName} plus a random suffix on create) a name that says so.
   */
  private static Optional<String> name(Fields m, InputDefaults defaults, Diagnostics diags) {
    if (m.has("name") || !m.has("generateName")) {
      return m.requireString("name");
    }
    return m.string("generateName").flatMap(prefix -> {
      Optional<String> problem = K8sNames.subdomainProblem(prefix + "x");
      if (problem.isPresent()) {
        diags.error(Codes.NAME, m.valueLocation("generateName"), "invalid generateName '" + prefix + "': "
            + problem.get() + " once the API server appends its suffix (fix the prefix)");
        return Optional.empty();
      }
      String generated = defaults.generatedName(prefix);
      diags.warning(Codes.GENERATED_NAME, m.valueLocation("generateName"), "no metadata.name, only generateName '"
          + prefix + "': the API server names the object '" + prefix + "' plus a random suffix when it creates"
          + " it; npv calls it '" + generated + "' (a spec cannot refer to it; give metadata.name to name it)");
      return Optional.of(generated);
    });
  }

  /** Annotations: a mapping of string keys to string values (the API decodes it as map[string]string). */
  private static void annotations(YNode node, Diagnostics diags) {
    Fields.of(node, "annotations", diags).ifPresent(a -> a.map().entries().stream()
        .filter(e -> !(e.value() instanceof YNode.YScalar s && s.isNull()))
        .forEach(e -> Fields.asString(e.value(), "annotation '" + e.key() + "'", diags)));
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

  /**
   * The ownerReferences entries that are well formed (apimachinery ValidateOwnerReferences: apiVersion,
   * kind and name required, at most one controller); others are reported into {@code diags} and left out.
   */
  private static ImmutableList<ObjectMeta.OwnerRef> owners(Fields m, Diagnostics diags) {
    List<ObjectMeta.OwnerRef> out = new ArrayList<>();
    for (YNode item : m.node("ownerReferences").flatMap(n -> Fields.asList(n, "'ownerReferences' in ObjectMeta",
        diags)).orElse(ImmutableList.of())) {
      Fields.of(item, "OwnerReference", diags).map(f -> f.known(OWNER_FIELDS)).ifPresent(o -> {
        Optional<String> apiVersion = o.requireString("apiVersion");
        Optional<String> kind = o.requireString("kind");
        Optional<String> name = o.requireString("name");
        boolean controller = o.bool("controller").orElse(false);
        if (controller && out.stream().anyMatch(ObjectMeta.OwnerRef::controller)) {
          diags.error(Codes.METADATA_IGNORED, o.valueLocation("controller"), "a second ownerReference with"
              + " controller: true (only one owner may be the controller; the first one is used)");
          controller = false;
        }
        if (apiVersion.isPresent() && kind.isPresent() && name.isPresent()) {
          out.add(new ObjectMeta.OwnerRef(apiVersion.get(), kind.get(), name.get(), controller));
        }
      });
    }
    return ImmutableList.copyOf(out);
  }
}
