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
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.load.YNode;
import dev.npv.load.YamlLoader;
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

  /** The enum constant spelled {@code text}, or empty after reporting the valid spellings. */
  static <E> Optional<E> enumValue(String text, Fields f, String key, Map<String, E> values, Diagnostics diags) {
    E e = values.get(text);
    if (e == null) {
      diags.error(Codes.SPEC_VALUE, f.valueLocation(key), "invalid " + key + " '" + text + "' (valid: "
          + String.join(", ", values.keySet()) + ")");
    }
    return Optional.ofNullable(e);
  }
}
