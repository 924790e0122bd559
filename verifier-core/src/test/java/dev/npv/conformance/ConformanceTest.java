package dev.npv.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Endpoints;
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
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case (NetworkPolicy v1, and AdminNetworkPolicy/BaselineAdminNetworkPolicy tiers) of the shared conformance set (copied into test resources with its
 * source and license notes): each probe of expected.txt must agree, for the reference evaluator and
 * for the SMT encoder (as a closed-world invariant per probe).
 */
class ConformanceTest {

  record Probe(String src, String dst, Protocol protocol, int port, boolean allow, String line) {
  }

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
.sorted().toList().stream();
    }
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
    ReferenceEvaluator eval = new ReferenceEvaluator(cluster, EvaluatorOptions.DEFAULT);
    List<Probe> probes = probes(root().resolve(name).resolve("expected.txt"));
    assertFalse(probes.isEmpty());
    List<String> wrong = new ArrayList<>();
    for (Probe p : probes) {
      Endpoint src = Endpoints.of(cluster, workload(cluster, p.src())).get(0);
      Endpoint dst = Endpoints.of(cluster, workload(cluster, p.dst())).get(0);
      if (eval.allows(new Connection(src, dst, p.protocol(), p.port())) != p.allow()) {
        wrong.add(p.line());
      }
    }
    assertEquals(List.of(), wrong, "probes the evaluator gets wrong");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void smtEncoder_provesEveryProbeInTheClosedWorld(String name) throws Exception {
    Cluster cluster = load(name);
    List<Probe> probes = probes(root().resolve(name).resolve("expected.txt"));
    ImmutableList.Builder<Invariant> invs = ImmutableList.builder();
    for (Probe p : probes) {
      invs.add(new Invariant(p.line(), "", p.allow() ? Expect.ALLOW : Expect.DENY, workload(p.src()), workload(p.dst()),
          ImmutableList.of(new PolicyPort(p.protocol(), new PortSpec.Range(p.port(), p.port()))), Optional.empty(),
          SourceLocation.UNKNOWN));
    }
    VerificationReport report = new Verifier(cluster, VerifyOptions.DEFAULT)
        .verify(List.of(new InvariantSet(name, World.CLOSED, invs.build(), SourceLocation.UNKNOWN)));
    List<String> wrong = report.results().stream().filter(r -> r.verdict() != Verdict.PROVEN)
        .map(CheckResult::name).toList();
    assertEquals(List.of(), wrong, "probes the encoder does not prove");
    assertTrue(report.results().size() == probes.size());
  }

  private static EndpointSet workload(String id) {
    String[] p = id.split("/");
    return EndpointSet.of(List.of(new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new EndpointSelector.WorkloadRef(p[0], p[1])), Optional.empty(), SourceLocation.UNKNOWN)));
  }
}
