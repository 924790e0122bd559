package dev.npv.spec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.load.Codes;
import dev.npv.load.Fields;
import dev.npv.load.PortReader;
import dev.npv.load.YNode;
import dev.npv.model.PolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one invariant; the endpoint and port syntax is shared with the manifest readers. */
final class InvariantReader {
  private static final ImmutableSet<String> INVARIANT_FIELDS =
      ImmutableSet.of("name", "description", "expect", "from", "to", "ports", "expectedVerdict");
  private static final ImmutableMap<String, String> INVARIANT_HINTS = ImmutableMap.of(
      "podSelector", "endpoint fields go under 'from' or 'to'",
      "namespaceSelector", "endpoint fields go under 'from' or 'to'",
      "namespace", "endpoint fields go under 'from' or 'to'",
      "verdict", "did you mean 'expectedVerdict'?");
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
    Optional<Expect> expect = f.requireString("expect").flatMap(e -> SpecReader.enumValue(e, f, "expect",
        ImmutableMap.of("deny", Expect.DENY, "allow", Expect.ALLOW, "allowSome", Expect.ALLOW_SOME), diags));
    EndpointSet from = endpoints(f, "from");
    EndpointSet to = endpoints(f, "to");
    List<PolicyPort> ports = new ArrayList<>();
    f.list("ports").ifPresent(items -> items.forEach(p -> PortReader.read(p, diags)
        .ifPresent(ports::add)));
    Optional<Verdict> verdict = Optional.empty();
    ImmutableMap<World, Verdict> byWorld = ImmutableMap.of();
    if (f.node("expectedVerdict").filter(x -> x instanceof YNode.YMap).isPresent()) {
      byWorld = verdictsByWorld(f);
    } else {
      verdict = f.string("expectedVerdict").flatMap(v -> verdict(v, f, "expectedVerdict"));
    }
    if (diags.errorCount() > errorsBefore || name.isEmpty() || expect.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Invariant(name.get(), description, expect.get(), from, to,
        ImmutableList.copyOf(ports), verdict, byWorld, node.location()));
  }

  private Optional<Verdict> verdict(String text, Fields f, String key) {
    return SpecReader.enumValue(text, f, key,
        ImmutableMap.of("PROVEN", Verdict.PROVEN, "VIOLATED", Verdict.VIOLATED, "UNKNOWN", Verdict.UNKNOWN), diags);
  }

  /** {@code expectedVerdict: {open: VIOLATED, closed: PROVEN}}: one recorded verdict per world. */
  private ImmutableMap<World, Verdict> verdictsByWorld(Fields f) {
    ImmutableMap.Builder<World, Verdict> out = ImmutableMap.builder();
    f.object("expectedVerdict", "ExpectedVerdicts").ifPresent(m -> {
      Fields known = m.known(ImmutableSet.of("open", "closed"));
      known.string("open").flatMap(v -> verdict(v, known, "open")).ifPresent(v -> out.put(World.OPEN, v));
      known.string("closed").flatMap(v -> verdict(v, known, "closed")).ifPresent(v -> out.put(World.CLOSED, v));
    });
    return out.buildOrThrow();
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
