package dev.npv.spec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.load.Codes;
import dev.npv.load.Fields;
import dev.npv.load.InputCollector;
import dev.npv.load.IpBlockReader;
import dev.npv.load.K8sNames;
import dev.npv.load.LoadOptions;
import dev.npv.load.PortReader;
import dev.npv.load.SelectorReader;
import dev.npv.load.SourceText;
import dev.npv.load.YNode;
import dev.npv.load.YamlLoader;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.PolicyPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads invariant spec files ({@code apiVersion: npv.dev/v1alpha1}, {@code kind: InvariantSet}) into
 * {@link InvariantSet}s. Strict like the manifest loader: unknown fields, bad enum values, duplicate
 * invariant names are located errors, all reported together in an {@link InvalidInputException}.
 * Endpoints are parsed here; resolving namespace and workload names against a cluster is the verifier's.
 */
public final class SpecReader {
  public static final String API_VERSION = "npv.dev/v1alpha1";
  public static final String KIND = "InvariantSet";

  private static final ImmutableSet<String> SET_FIELDS = ImmutableSet.of("apiVersion", "kind", "metadata", "spec");
  private static final ImmutableSet<String> METADATA_FIELDS = ImmutableSet.of("name", "labels", "annotations");
  private static final ImmutableSet<String> SPEC_FIELDS = ImmutableSet.of("world", "invariants");
  private static final ImmutableSet<String> INVARIANT_FIELDS =
      ImmutableSet.of("name", "description", "expect", "from", "to", "ports", "expectedVerdict");
  private static final ImmutableMap<String, String> INVARIANT_HINTS = ImmutableMap.of(
      "podSelector", "endpoint fields go under 'from' or 'to'",
      "namespaceSelector", "endpoint fields go under 'from' or 'to'",
      "namespace", "endpoint fields go under 'from' or 'to'",
      "verdict", "did you mean 'expectedVerdict'?");
  private static final ImmutableSet<String> ENDPOINT_FIELDS =
      ImmutableSet.of("podSelector", "namespaceSelector", "namespace", "workload", "ipBlock");
  private static final ImmutableMap<String, String> ENDPOINT_HINTS = ImmutableMap.of(
      "ports", "'ports' belongs to the invariant, next to 'from' and 'to'",
      "cidr", "did you mean 'ipBlock: {cidr: ...}'?",
      "matchLabels", "did you mean 'podSelector: {matchLabels: ...}'?");

  private final LoadOptions options;

  public SpecReader() {
    this(LoadOptions.defaults());
  }

  public SpecReader(LoadOptions options) {
    this.options = options;
  }

  /** Reads spec files (or directories of them, or {@code -} for stdin). */
  public ImmutableList<InvariantSet> read(List<Path> paths) throws InvalidInputException {
    Diagnostics diags = new Diagnostics();
    ImmutableList<SourceText> texts = new InputCollector(options, diags)
        .collect(paths.stream().map(Path::toString).toList());
    return read(texts, diags);
  }

  /** Reads one spec text; {@code fileName} is used in diagnostics. */
  public ImmutableList<InvariantSet> read(String fileName, String text) throws InvalidInputException {
    return read(List.of(new SourceText(fileName, text)), new Diagnostics());
  }

  private ImmutableList<InvariantSet> read(List<SourceText> texts, Diagnostics diags) throws InvalidInputException {
    YamlLoader yaml = new YamlLoader(options.limits());
    List<InvariantSet> sets = new ArrayList<>();
    Map<String, SourceLocation> setNames = new HashMap<>();
    for (SourceText t : texts) {
      for (YNode doc : yaml.load(t.name(), t.text(), diags)) {
        if (doc instanceof YNode.YScalar s && s.isNull()) {
          continue;
        }
        readSet(doc, setNames, diags).ifPresent(sets::add);
      }
    }
    if (diags.hasErrors()) {
      throw new InvalidInputException(diags.sorted());
    }
    return ImmutableList.copyOf(sets);
  }

  private Optional<InvariantSet> readSet(YNode doc, Map<String, SourceLocation> setNames, Diagnostics diags) {
    if (!(doc instanceof YNode.YMap)) {
      diags.error(Codes.NOT_AN_OBJECT, doc.location(), "expected an InvariantSet (a mapping), got " + doc.typeName());
      return Optional.empty();
    }
    Fields f = Fields.of(doc, KIND, diags).orElseThrow().known(SET_FIELDS);
    Optional<String> apiVersion = f.requireString("apiVersion");
    Optional<String> kind = f.requireString("kind");
    if (apiVersion.isPresent() && !apiVersion.get().equals(API_VERSION)) {
      diags.error(Codes.API_VERSION, f.valueLocation("apiVersion"), "unsupported apiVersion '" + apiVersion.get()
          + "' for an invariant spec (expected " + API_VERSION + ")");
    }
    if (kind.isPresent() && !kind.get().equals(KIND)) {
      diags.error(Codes.SPEC_KIND, f.valueLocation("kind"), "expected kind " + KIND + ", got '" + kind.get()
          + "' (is this a manifest rather than a spec?)");
      return Optional.empty();
    }
    Optional<Fields> metadata = f.requireObject("metadata", "ObjectMeta").map(m -> m.known(METADATA_FIELDS));
    Optional<String> name = metadata.flatMap(m -> m.requireString("name"));
    name.ifPresent(n -> {
      SourceLocation at = metadata.get().valueLocation("name");
      SourceLocation first = setNames.putIfAbsent(n, at);
      if (first != null) {
        diags.error(Codes.DUPLICATE_OBJECT, at, "duplicate InvariantSet '" + n + "': already defined at " + first);
      }
    });
    Optional<Fields> spec = f.requireObject("spec", "InvariantSetSpec").map(s -> s.known(SPEC_FIELDS));
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    World world = spec.get().string("world").flatMap(w -> enumValue(w, spec.get(), "world",
        ImmutableMap.of("open", World.OPEN, "closed", World.CLOSED), diags)).orElse(World.OPEN);
    List<Invariant> invariants = new ArrayList<>();
    Map<String, SourceLocation> names = new HashMap<>();
    for (YNode item : spec.get().list("invariants").orElse(ImmutableList.of())) {
      new InvariantReader(diags, names).read(item).ifPresent(invariants::add);
    }
    return name.map(n -> new InvariantSet(n, world, ImmutableList.copyOf(invariants), doc.location()));
  }

  static <E> Optional<E> enumValue(String text, Fields f, String key, Map<String, E> values, Diagnostics diags) {
    E e = values.get(text);
    if (e == null) {
      diags.error(Codes.SPEC_VALUE, f.valueLocation(key), "invalid " + key + " '" + text + "' (valid: "
          + String.join(", ", values.keySet()) + ")");
    }
    return Optional.ofNullable(e);
  }

  /** Reads one invariant; the endpoint and port syntax is shared with the manifest readers. */
  private static final class InvariantReader {
    private final Diagnostics diags;
    /** Names already used in the set, for the duplicate check (also names of invalid invariants). */
    private final Map<String, SourceLocation> names;

    InvariantReader(Diagnostics diags, Map<String, SourceLocation> names) {
      this.diags = diags;
      this.names = names;
    }

    Optional<Invariant> read(YNode node) {
      Optional<Fields> of = Fields.of(node, "Invariant", diags);
      if (of.isEmpty()) {
        return Optional.empty();
      }
      Fields f = of.get().known(INVARIANT_FIELDS, INVARIANT_HINTS);
      int errorsBefore = diags.errorCount();
      Optional<String> name = f.requireString("name");
      name.filter(String::isBlank).ifPresent(n -> diags.error(Codes.SPEC_VALUE, f.valueLocation("name"),
          "an invariant name must not be empty"));
      name.ifPresent(n -> {
        SourceLocation first = names.putIfAbsent(n, f.valueLocation("name"));
        if (first != null) {
          diags.error(Codes.SPEC_DUPLICATE_INVARIANT, f.valueLocation("name"), "duplicate invariant name '" + n
              + "': already used at " + first);
        }
      });
      String description = f.string("description").orElse("");
      Optional<Expect> expect = f.requireString("expect").flatMap(e -> enumValue(e, f, "expect",
          ImmutableMap.of("deny", Expect.DENY, "allow", Expect.ALLOW, "allowSome", Expect.ALLOW_SOME), diags));
      EndpointSet from = endpoints(f, "from");
      EndpointSet to = endpoints(f, "to");
      List<PolicyPort> ports = new ArrayList<>();
      f.list("ports").ifPresent(items -> items.forEach(p -> PortReader.read(p, diags)
          .ifPresent(ports::add)));
      Optional<Verdict> verdict = f.string("expectedVerdict").flatMap(v -> enumValue(v, f, "expectedVerdict",
          ImmutableMap.of("PROVEN", Verdict.PROVEN, "VIOLATED", Verdict.VIOLATED, "UNKNOWN", Verdict.UNKNOWN),
          diags));
      if (diags.errorCount() > errorsBefore || name.isEmpty() || expect.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Invariant(name.get(), description, expect.get(), from, to,
          ImmutableList.copyOf(ports), verdict, node.location()));
    }

    /** A single selector or a list of them (their union); absent means every endpoint. */
    private EndpointSet endpoints(Fields f, String key) {
      Optional<YNode> n = f.node(key);
      if (n.isEmpty()) {
        return EndpointSet.ANY;
      }
      List<EndpointSelector> out = new ArrayList<>();
      if (n.get() instanceof YNode.YSeq seq) {
        if (seq.items().isEmpty()) {
          diags.error(Codes.SPEC_ENDPOINT_EMPTY, seq.location(), "'" + key + "' is an empty list, which selects"
              + " no endpoint; omit '" + key + "' to mean every endpoint");
        }
        seq.items().forEach(item -> EndpointReader.read(item, key, diags).ifPresent(out::add));
      } else {
        EndpointReader.read(n.get(), key, diags).ifPresent(out::add);
      }
      return EndpointSet.of(out);
    }
  }

  /** Reads one endpoint selector: pods by namespace/labels/workload, or an ipBlock alone. */
  private static final class EndpointReader {
    private EndpointReader() {
    }

    static Optional<EndpointSelector> read(YNode node, String key, Diagnostics diags) {
      Optional<Fields> of = Fields.of(node, "EndpointSelector ('" + key + "')", diags);
      if (of.isEmpty()) {
        return Optional.empty();
      }
      Fields f = of.get().known(ENDPOINT_FIELDS, ENDPOINT_HINTS);
      int errorsBefore = diags.errorCount();
      Optional<String> namespace = f.string("namespace");
      namespace.ifPresent(ns -> K8sNames.dnsLabelProblem(ns).ifPresent(p -> diags.error(Codes.NAME,
          f.valueLocation("namespace"), "invalid namespace '" + ns + "': " + p)));
      Optional<LabelSelector> namespaceSelector = f.node("namespaceSelector")
          .flatMap(n -> SelectorReader.read(n, "namespaceSelector of '" + key + "'", diags));
      Optional<LabelSelector> podSelector = f.node("podSelector")
          .flatMap(n -> SelectorReader.read(n, "podSelector of '" + key + "'", diags));
      Optional<EndpointSelector.WorkloadRef> workload = f.string("workload")
          .flatMap(w -> workloadRef(w, f.valueLocation("workload"), diags));
      Optional<IpBlock> ipBlock = f.node("ipBlock").flatMap(n -> IpBlockReader.read(n, diags));
      if (f.has("ipBlock") && (f.has("namespace") || f.has("namespaceSelector") || f.has("podSelector")
          || f.has("workload"))) {
        diags.error(Codes.SPEC_ENDPOINT_MIXED, f.keyLocation("ipBlock"), "'ipBlock' selects addresses outside"
            + " the cluster and cannot be combined with pod fields; use separate list entries");
      }
      if (diags.errorCount() > errorsBefore) {
        return Optional.empty();
      }
      return Optional.of(new EndpointSelector(namespace, namespaceSelector, podSelector, workload, ipBlock,
          node.location()));
    }

    private static Optional<EndpointSelector.WorkloadRef> workloadRef(String text, SourceLocation at,
                                                                      Diagnostics diags) {
      String[] parts = text.split("/", -1);
      if (parts.length != 2 || K8sNames.dnsLabelProblem(parts[0]).isPresent()
          || K8sNames.subdomainProblem(parts[1]).isPresent()) {
        diags.error(Codes.SPEC_WORKLOAD_REF, at, "invalid workload reference '" + text
            + "' (expected <namespace>/<name>, e.g. myapp/backend)");
        return Optional.empty();
      }
      return Optional.of(new EndpointSelector.WorkloadRef(parts[0], parts[1]));
    }
  }
}
