package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.model.AdminApi;
import dev.npv.model.CiliumKind;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import dev.npv.model.WorkloadKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The public entry point of the loader: manifests in, a validated {@link Cluster} out. Reads every
 * input, reports all problems together and throws {@link InvalidInputException} when any is an error;
 * warnings and notes come back in the {@link LoadResult}.
 */
public final class ClusterLoader {
  private static final ImmutableSet<String> NAMESPACE_FIELDS = PolicyReader.OBJECT_FIELDS;
  /** Reported if a reader has a bug, so that bad input never escapes as another exception. */
  public static final String INTERNAL = "NPV-E-INTERNAL";

  /** Loads files, directories (recursively, sorted) and {@code -} (stdin from the options). */
  public LoadResult load(List<String> inputs, LoadOptions options) throws InvalidInputException {
    Diagnostics diags = new Diagnostics();
    ImmutableList<SourceText> texts = new InputCollector(options, diags).collect(inputs);
    return load(texts, options, diags);
  }

  /** Loads texts that are already in memory (tests, or a front end that read them itself). */
  public LoadResult loadTexts(List<SourceText> texts, LoadOptions options) throws InvalidInputException {
    return load(texts, options, new Diagnostics());
  }

  /**
   * Loads objects that come from no file, e.g. read from an API server: each text holds one object (YAML
   * or JSON) and is named after where it came from. That name alone, without a line or column (a position
   * in a serialisation nobody sees would mislead), locates everything read from it: its diagnostics and
   * the namespaces, policies, rules and workloads of the cluster.
   */
  public LoadResult loadObjects(List<SourceText> objects, LoadOptions options) throws InvalidInputException {
    try {
      LoadResult r = load(objects, options, new Diagnostics(), UnpositionedSource::relocate);
      return new LoadResult(r.cluster(), UnpositionedSource.relocate(r.diagnostics()));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(UnpositionedSource.relocate(e.diagnostics()));
    }
  }

  private LoadResult load(List<SourceText> texts, LoadOptions options, Diagnostics diags)
      throws InvalidInputException {
    return load(texts, options, diags, (name, node) -> node);
  }

  private LoadResult load(List<SourceText> texts, LoadOptions options, Diagnostics diags,
                          BiFunction<String, YNode, YNode> relocate)
      throws InvalidInputException {
    YamlLoader yaml = new YamlLoader(options.limits());
    InputDefaults defaults = new InputDefaults(options.namespace());
    ManifestReader manifests = new ManifestReader(diags, defaults, options.ignoreUnmodelled());
    ClusterAssembler assembler = new ClusterAssembler(diags);
    SourceLines sources = new SourceLines(texts);
    for (SourceText t : texts) {
      List<Manifest> objects;
      try {
        objects = manifests.read(yaml.load(t.name(), t.text(), diags).stream().map(n -> relocate.apply(t.name(), n)).toList());
      } catch (RuntimeException e) {
        diags.error(INTERNAL, SourceLocation.ofFile(t.name()), "internal error while parsing: " + e
            + " (please report this)");
        continue;
      }
      for (Manifest m : objects) {
        try {
          add(m, assembler, defaults, manifests, options.ignoreUnmodelled(), diags, sources);
        } catch (RuntimeException e) {
          diags.error(INTERNAL, m.location(), "internal error while reading " + m.kind() + ": " + e
              + " (please report this)");
        }
      }
    }
    defaults.report(diags);
    Cluster cluster = null;
    if (!diags.hasErrors()) {
      try {
        cluster = assembler.assemble().withUnmodelledPolicies(manifests.unmodelled());
      } catch (RuntimeException e) {
        diags.error(INTERNAL, SourceLocation.UNKNOWN, "internal error while assembling the cluster: " + e
            + " (please report this)");
      }
    }
    if (diags.hasErrors()) {
      throw new InvalidInputException(diags.sorted());
    }
    return new LoadResult(cluster, diags.sorted());
  }

  /**
   * Reads one object and adds it unless it duplicates an earlier one. A duplicate is still read in full,
   * so that its own errors are reported in the same run as the duplication.
   */
  private static void add(Manifest m, ClusterAssembler assembler, InputDefaults defaults, ManifestReader manifests,
                          UnmodelledKinds ignored, Diagnostics diags, SourceLines sources) {
    boolean clusterScoped = m.kind().equals("Namespace") || m.kind().equals("Node")
        || Arrays.stream(AdminApi.values()).anyMatch(a -> a.kind().equals(m.kind()))
        || CalicoKinds.is(m) && !CalicoKinds.isNamespaced(m.kind());
    Optional<ObjectMeta> meta = MetadataReader.read(m.object(), m.kind(), !clusterScoped, defaults, diags);
    if (meta.isEmpty()) {
      return;
    }
    ObjectMeta md = meta.get();
    if (m.kind().equals("Namespace")) {
      m.object().known(NAMESPACE_FIELDS);
      if (assembler.claim("Namespace", "", md.name(), md.nameLocation())) {
        assembler.addNamespace(new Namespace(md.name(), PolicyNormalizer.namespaceLabels(md.name(), md.labels()),
            true, m.location()));
      }
      return;
    }
    if (m.kind().equals("Node")) { // cluster-scoped
      boolean fresh = assembler.claim("Node", "", md.name(), md.nameLocation());
      new NodeReader(diags).read(m, md).filter(n -> fresh).ifPresent(assembler::addNode);
      return;
    }
    if (CalicoKinds.is(m)) {
      addCalico(m, md, assembler, new CalicoReader(diags, sources));
      return;
    }
    Optional<AdminApi> admin = Arrays.stream(AdminApi.values()).filter(a -> a.kind().equals(m.kind())).findFirst();
    if (admin.isPresent()) { // cluster-scoped
      boolean fresh = assembler.claim(m.kind(), "", md.name(), md.nameLocation());
      new AdminPolicyReader(diags, ignored, manifests::keepAside).read(m, md, admin.get()).filter(p -> fresh)
          .ifPresent(p -> assembler.addAdminPolicy(p, m.apiVersion()));
      return;
    }
    if (m.kind().equals(CiliumKind.CLUSTERWIDE.apiName())) { // cluster-scoped
      if (assembler.claim(m.kind(), "", md.name(), md.nameLocation())) {
        new CiliumPolicyReader(diags).read(m, md, CiliumKind.CLUSTERWIDE).ifPresent(assembler::addCiliumPolicy);
      }
      return;
    }
    String namespace = PolicyNormalizer.namespace(md.namespace());
    boolean fresh = assembler.claim(m.kind(), namespace, md.name(), md.nameLocation());
    if (m.kind().equals("NetworkPolicy")) {
      new PolicyReader(diags).read(m, md).filter(p -> fresh).ifPresent(assembler::addPolicy);
      return;
    }
    if (m.kind().equals(CiliumKind.NAMESPACED.apiName())) {
      new CiliumPolicyReader(diags).read(m, md, CiliumKind.NAMESPACED).ifPresent(assembler::addCiliumPolicy);
      return;
    }
    WorkloadKind kind = WorkloadKind.parse(m.kind()).orElseThrow();
    new WorkloadReader(diags).read(m, md, kind).filter(w -> fresh).ifPresent(assembler::addWorkload);
  }

  /** Calico objects are claimed under their API group, apart from Kubernetes' NetworkPolicy of the same name. */
  private static void addCalico(Manifest m, ObjectMeta md, ClusterAssembler assembler, CalicoReader reader) {
    String namespace = CalicoKinds.isNamespaced(m.kind()) ? PolicyNormalizer.namespace(md.namespace()) : "";
    // A duplicate is still read in full, so its own errors come in the same run.
    boolean fresh = assembler.claim("projectcalico.org " + m.kind(), namespace, md.name(), md.nameLocation());
    switch (m.kind()) {
      case CalicoKinds.TIER -> reader.tier(m, md).filter(t -> fresh).ifPresent(assembler.calico()::addTier);
      case CalicoKinds.NETWORK_SET, CalicoKinds.GLOBAL_NETWORK_SET ->
          reader.networkSet(m, md).filter(x -> fresh).ifPresent(assembler.calico()::addNetworkSet);
      default -> reader.policy(m, md).filter(p -> fresh).ifPresent(assembler.calico()::addPolicy);
    }
  }
}
