package dev.npv.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.IpBlock;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Probes of a tier fixture, each decided in BOTH evaluators: the reference evaluator (verdict and the
 * explanation naming the deciding tier and rule) and the SMT encoder (closed-world proof per probe);
 * the opposite of chosen probes is refuted with a counterexample naming the deciding rule.
 */
abstract class TierFixtureTest {
  private Cluster cluster;

  /** Files or folders of test resources, e.g. {@code /admin-tiers}. */
  abstract List<String> resources();

  /** One probe a line: src; dst; protocol; port; ALLOW|DENY; a part of the reason of the deciding side. */
  abstract String probes();

  /** src; dst; TCP port; the rule a counterexample to "allow" must name. */
  abstract List<String> refutations();

  @BeforeEach
  void load() throws Exception {
    List<String> paths = new ArrayList<>();
    for (String r : resources()) {
      paths.add(Path.of(getClass().getResource(r).toURI()).toString());
    }
    cluster = new ClusterLoader().load(paths, LoadOptions.defaults()).cluster();
  }

  private record Probe(String src, String dst, Protocol protocol, int port, boolean allow, String reason) {
    static List<Probe> all(String probes) {
      return probes.lines().map(l -> l.split(";")).map(f -> new Probe(f[0], f[1], Protocol.valueOf(f[2]),
          Integer.parseInt(f[3]), f[4].equals("ALLOW"), f[5])).toList();
    }
  }

  private Endpoint endpoint(String id) {
    if (!id.contains("/")) {
      return new Endpoint.External(IpAddress.parse(id).orElseThrow());
    }
    String[] p = id.split("/");
    return Endpoints.of(cluster, cluster.workload(p[0], p[1]).orElseThrow()).get(0);
  }

  @Test
  void referenceEvaluatorDecidesEachTierAndNamesTheRule() {
    ReferenceEvaluator eval = new ReferenceEvaluator(cluster, EvaluatorOptions.DEFAULT);
    for (Probe p : Probe.all(probes())) {
      ConnectionDecision d = eval.decide(new Connection(endpoint(p.src()), endpoint(p.dst()), p.protocol(), p.port()));
      assertEquals(p.allow(), d.allowed(), p::toString);
      String reasons = d.egress().reason() + " | " + d.ingress().reason();
      assertTrue(reasons.contains(p.reason()), () -> p + ": " + reasons);
    }
  }

  @Test
  void encoderProvesEveryProbeInTheClosedWorld() throws Exception {
    ImmutableList.Builder<Invariant> invs = ImmutableList.builder();
    List<Probe> probes = Probe.all(probes());
    for (Probe p : probes) {
      invs.add(new Invariant(p.src() + "->" + p.dst() + " " + p.protocol() + "/" + p.port(), "",
          p.allow() ? Expect.ALLOW : Expect.DENY, set(p.src()), set(p.dst()),
          ImmutableList.of(new PolicyPort(p.protocol(), new PortSpec.Range(p.port(), p.port()))), Optional.empty(),
          SourceLocation.UNKNOWN));
    }
    VerificationReport report = new Verifier(cluster, VerifyOptions.DEFAULT)
        .verify(List.of(new InvariantSet("admin-tiers", World.CLOSED, invs.build(), SourceLocation.UNKNOWN)));
    assertEquals(List.of(), report.results().stream().filter(r -> r.verdict() != Verdict.PROVEN)
        .map(CheckResult::toString).toList());
    assertEquals(probes.size(), report.results().size());
  }

  /** The opposite of each refuted probe gets a counterexample whose explanation names the rule. */
  @Test
  void counterexamplesNameTheDecidingAdminRule() throws Exception {
    for (String line : refutations()) {
      String[] f = line.split(";");
      Invariant inv = new Invariant("allow", "", Expect.ALLOW, set(f[0]), set(f[1]),
          ImmutableList.of(new PolicyPort(Protocol.TCP, new PortSpec.Range(Integer.parseInt(f[2]),
              Integer.parseInt(f[2])))), Optional.empty(), SourceLocation.UNKNOWN);
      CheckResult r = new Verifier(cluster, VerifyOptions.DEFAULT).verify(List.of(new InvariantSet("x",
          World.CLOSED, ImmutableList.of(inv), SourceLocation.UNKNOWN))).results().get(0);
      assertEquals(Verdict.VIOLATED, r.verdict(), line);
      String text = String.join("\n", r.counterexample().orElseThrow().explanation());
      assertTrue(text.contains(f[3]), text);
    }
  }

  private static EndpointSet set(String id) {
    if (!id.contains("/")) {
      IpAddress a = IpAddress.parse(id).orElseThrow();
      return EndpointSet.of(List.of(new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.of(new IpBlock(Cidr.of(a + "/" + a.bits()), ImmutableList.of())),
          SourceLocation.UNKNOWN)));
    }
    String[] p = id.split("/");
    return EndpointSet.of(List.of(new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new EndpointSelector.WorkloadRef(p[0], p[1])), Optional.empty(), SourceLocation.UNKNOWN)));
  }
}
