package dev.npv.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Endpoints;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each admin action and the tier order (ANP by priority and rule order, Pass to NetworkPolicy,
 * BaselineAdminNetworkPolicy only for pods no NetworkPolicy isolates) on the fixture in
 * {@code resources/admin-tiers}, in BOTH evaluators: the reference evaluator (verdict and the
 * explanation naming the deciding tier and rule) and the SMT encoder (closed-world proof per probe).
 */
class AdminTiersTest {
  private static Cluster cluster;

  @BeforeAll
  static void load() throws Exception {
    Path dir = Path.of(AdminTiersTest.class.getResource("/admin-tiers").toURI());
    cluster = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
  }

  /** src; dst; protocol; port; ALLOW|DENY; a part of the reason of the deciding side. */
  private static final String PROBES = """
      mon/prom;t1/db;TCP;9095;ALLOW;allowed by [ANP] monitoring ingress rule 0 (scrape) Allow
      t2/web;t1/web;TCP;80;DENY;denied by [ANP] tenant-isolation ingress rule 1 (deny-other-tenants) Deny
      t2/web;t1/web;TCP;8080;ALLOW;allowed by [ANP] early ingress rule 0 (web-8080) Allow
      t2/web;t1/web;TCP;9100;ALLOW;allowed by [ANP] early ingress rule 0 (web-8080) Allow
      t2/web;t1/web;TCP;443;ALLOW;passed by [ANP] tenant-isolation ingress rule 0 (pass-https) Pass; allowed by t1/web-open ingress rule 0
      t2/web;t1/db;TCP;443;DENY;passed by [ANP] tenant-isolation ingress rule 0 (pass-https) Pass; isolated for ingress by t1/db-closed
      mon/prom;t1/db;TCP;80;DENY;passed by [ANP] tenant-isolation ingress rule 2 (pass-monitoring) Pass; isolated
      mon/prom;t1/web;TCP;80;ALLOW;allowed by t1/web-open ingress rule 0
      t1/web;t2/web;TCP;80;DENY;denied by [BANP] default ingress rule 1 (default-deny) Deny
      mon/prom;t2/web;TCP;80;ALLOW;allowed by [BANP] default ingress rule 0 (monitoring-in) Allow
      t1/db;t1/web;TCP;80;ALLOW;allowed by t1/web-open ingress rule 0
      t2/web;mon/prom;UDP;53;DENY;denied by [BANP] default ingress rule 1 (default-deny) Deny
      t1/web;8.8.8.8;UDP;53;DENY;denied by [ANP] tenant-isolation egress rule 0 (no-dns-google) Deny
      t1/web;1.1.1.1;UDP;53;ALLOW;not isolated
      """;

  private record Probe(String src, String dst, Protocol protocol, int port, boolean allow, String reason) {
    static List<Probe> all() {
      return PROBES.lines().map(l -> l.split(";")).map(f -> new Probe(f[0], f[1], Protocol.valueOf(f[2]),
          Integer.parseInt(f[3]), f[4].equals("ALLOW"), f[5])).toList();
    }
  }

  private static Endpoint endpoint(String id) {
    if (!id.contains("/")) {
      return new Endpoint.External(IpAddress.parse(id).orElseThrow());
    }
    String[] p = id.split("/");
    return Endpoints.of(cluster, cluster.workload(p[0], p[1]).orElseThrow()).get(0);
  }

  @Test
  void referenceEvaluatorDecidesEachTierAndNamesTheRule() {
    ReferenceEvaluator eval = new ReferenceEvaluator(cluster, EvaluatorOptions.DEFAULT);
    for (Probe p : Probe.all()) {
      ConnectionDecision d = eval.decide(new Connection(endpoint(p.src()), endpoint(p.dst()), p.protocol(), p.port()));
      assertEquals(p.allow(), d.allowed(), p::toString);
      String reasons = d.egress().reason() + " | " + d.ingress().reason();
      assertTrue(reasons.contains(p.reason()), () -> p + ": " + reasons);
    }
  }

  @Test
  void encoderProvesEveryProbeInTheClosedWorld() throws Exception {
    ImmutableList.Builder<Invariant> invs = ImmutableList.builder();
    List<Probe> probes = Probe.all();
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

  /** The opposite of each probe is refuted with a counterexample whose explanation names the rule. */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "t2/web;t1/web;80;[ANP] tenant-isolation ingress rule 1 (deny-other-tenants) Deny",
      "t1/web;t2/web;80;[BANP] default ingress rule 1 (default-deny) Deny"})
  void counterexamplesNameTheDecidingAdminRule(String src, String dst, int port, String rule) throws Exception {
    Invariant inv = new Invariant("allow", "", Expect.ALLOW, set(src), set(dst),
        ImmutableList.of(new PolicyPort(Protocol.TCP, new PortSpec.Range(port, port))), Optional.empty(),
        SourceLocation.UNKNOWN);
    CheckResult r = new Verifier(cluster, VerifyOptions.DEFAULT).verify(List.of(new InvariantSet("x",
        World.CLOSED, ImmutableList.of(inv), SourceLocation.UNKNOWN))).results().get(0);
    assertEquals(Verdict.VIOLATED, r.verdict());
    String text = String.join("\n", r.counterexample().orElseThrow().explanation());
    assertTrue(text.contains(rule), text);
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
