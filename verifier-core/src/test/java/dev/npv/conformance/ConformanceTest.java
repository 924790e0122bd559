package dev.npv.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case (NetworkPolicy v1, and AdminNetworkPolicy/BaselineAdminNetworkPolicy tiers) of the shared conformance set (copied into test resources with its
 * source and license notes): each probe of expected.txt must agree, for the reference evaluator and
 * for the SMT encoder (as a closed-world invariant per probe). The cases of {@link #KNOWN_DISAGREEMENTS}
 * are left out of those two tests and asserted to disagree exactly as recorded there instead, so the list
 * cannot go stale: a fix makes {@link #knownDisagreement_isStillExactlyAsRecorded} fail until its entry
 * is removed.
 */
public class ConformanceTest {

  record Probe(String src, String dst, Protocol protocol, int port, boolean allow, String line) {
  }

  /**
   * How npv disagrees with a case: the loader refuses it (with a message containing {@code loadError}),
   * or it loads and exactly {@code wrongProbes} (expected.txt lines) come out wrong, in the reference
   * evaluator and in the encoder alike.
   */
  record KnownDisagreement(Optional<String> loadError, ImmutableList<String> wrongProbes, String why) {
    static KnownDisagreement refused(String loadError, String why) {
      return new KnownDisagreement(Optional.of(loadError), ImmutableList.of(), why);
    }

    static KnownDisagreement wrong(String why, String... probeLines) {
      return new KnownDisagreement(Optional.empty(), ImmutableList.copyOf(probeLines), why);
    }
  }

  /** Upstream conformance cases npv gets wrong today, with the reason (README, "Known disagreements"). */
  static final ImmutableMap<String, KnownDisagreement> KNOWN_DISAGREEMENTS = ImmutableMap
      .<String, KnownDisagreement>builder()
      // empty: hostNetwork pods at their node's address fixed the last two (the node peers cases)
      .buildOrThrow();

  static Stream<String> allCases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
.sorted().toList().stream();
    }
  }

  /** The cases npv must agree with on every probe: all but the known disagreements. */
  static Stream<String> cases() throws IOException, URISyntaxException {
    return allCases().filter(name -> !KNOWN_DISAGREEMENTS.containsKey(name));
  }

  static Stream<String> knownDisagreements() {
    return KNOWN_DISAGREEMENTS.keySet().stream();
  }

  /** The cases the loader is recorded to refuse (asserted here, so other tests may leave them out). */
  public static ImmutableSet<String> knownLoadRefusals() {
    return KNOWN_DISAGREEMENTS.entrySet().stream().filter(e -> e.getValue().loadError().isPresent())
        .map(Map.Entry::getKey).collect(ImmutableSet.toImmutableSet());
  }

  static Path root() throws URISyntaxException {
    return Path.of(ConformanceTest.class.getResource("/conformance").toURI());
  }

  static List<Probe> probes(Path expected) throws IOException {
    List<Probe> out = new ArrayList<>();
    for (String line : Files.readAllLines(expected)) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] f = t.split("\\s+");
      out.add(new Probe(f[0], f[1], Protocol.valueOf(f[2]), Integer.parseInt(f[3]), f[4].equals("ALLOW"), t));
    }
    return out;
  }

  static Cluster load(String name) throws Exception {
    return new ClusterLoader().load(List.of(root().resolve(name).resolve("in").toString()), LoadOptions.defaults())
        .cluster();
  }

  static Workload workload(Cluster c, String id) {
    String[] p = id.split("/");
    return c.workload(p[0], p[1]).orElseThrow(() -> new AssertionError("no workload " + id));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void referenceEvaluator_agreesWithEveryProbe(String name) throws Exception {
    Cluster cluster = load(name);
    List<Probe> probes = probes(root().resolve(name).resolve("expected.txt"));
    assertFalse(probes.isEmpty());
    assertEquals(List.of(), probesTheEvaluatorGetsWrong(cluster, probes), "probes the evaluator gets wrong");
  }

  private static List<String> probesTheEvaluatorGetsWrong(Cluster cluster, List<Probe> probes) {
    ReferenceEvaluator eval = new ReferenceEvaluator(cluster, EvaluatorOptions.DEFAULT);
    List<String> wrong = new ArrayList<>();
    for (Probe p : probes) {
      Endpoint src = Endpoints.of(cluster, workload(cluster, p.src())).get(0);
      Endpoint dst = Endpoints.of(cluster, workload(cluster, p.dst())).get(0);
      if (eval.allows(new Connection(src, dst, p.protocol(), p.port())) != p.allow()) {
        wrong.add(p.line());
      }
    }
    return wrong;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void smtEncoder_provesEveryProbeInTheClosedWorld(String name) throws Exception {
    Cluster cluster = load(name);
    List<Probe> probes = probes(root().resolve(name).resolve("expected.txt"));
    assertEquals(List.of(), probesTheEncoderDoesNotProve(name, cluster, probes), "probes the encoder does not prove");
  }

  private static List<String> probesTheEncoderDoesNotProve(String name, Cluster cluster, List<Probe> probes)
      throws InvalidInputException {
    ImmutableList.Builder<Invariant> invs = ImmutableList.builder();
    for (Probe p : probes) {
      invs.add(new Invariant(p.line(), "", p.allow() ? Expect.ALLOW : Expect.DENY, workload(p.src()), workload(p.dst()),
          ImmutableList.of(new PolicyPort(p.protocol(), new PortSpec.Range(p.port(), p.port()))), Optional.empty(),
          SourceLocation.UNKNOWN));
    }
    VerificationReport report = new Verifier(cluster, VerifyOptions.DEFAULT)
        .verify(List.of(new InvariantSet(name, World.CLOSED, invs.build(), SourceLocation.UNKNOWN)));
    assertTrue(report.results().size() == probes.size());
    return report.results().stream().filter(r -> r.verdict() != Verdict.PROVEN)
        .map(CheckResult::name).toList();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("knownDisagreements")
  void knownDisagreement_isStillExactlyAsRecorded(String name) throws Exception {
    KnownDisagreement known = KNOWN_DISAGREEMENTS.get(name);
    if (known.loadError().isPresent()) {
      InvalidInputException refusal = assertThrows(InvalidInputException.class, () -> load(name),
          name + " now loads: transcribe it as an agreeing case and remove it from KNOWN_DISAGREEMENTS");
      assertTrue(refusal.getMessage().contains(known.loadError().get()), refusal.getMessage());
      return;
    }
    Cluster cluster = load(name);
    List<Probe> probes = probes(root().resolve(name).resolve("expected.txt"));
    assertEquals(known.wrongProbes(), probesTheEvaluatorGetsWrong(cluster, probes),
        "the evaluator's disagreement with " + name + " changed: update KNOWN_DISAGREEMENTS");
    assertEquals(known.wrongProbes(), probesTheEncoderDoesNotProve(name, cluster, probes),
        "the encoder's disagreement with " + name + " changed: update KNOWN_DISAGREEMENTS");
  }

  @Test
  void knownDisagreements_nameExistingCases() throws Exception {
    List<String> all = allCases().toList();
    for (String name : KNOWN_DISAGREEMENTS.keySet()) {
      assertTrue(all.contains(name), "KNOWN_DISAGREEMENTS names no case folder " + name);
    }
  }

  private static EndpointSet workload(String id) {
    String[] p = id.split("/");
    return EndpointSet.of(List.of(new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new EndpointSelector.WorkloadRef(p[0], p[1])), Optional.empty(), SourceLocation.UNKNOWN)));
  }
}
