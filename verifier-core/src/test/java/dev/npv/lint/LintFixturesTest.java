package dev.npv.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Severity;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.IpBlock;
import dev.npv.model.Protocol;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.testutil.Dsl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every lint finding has a fixture under src/test/resources/lint that triggers it and a near miss
 * that does not.
 */
class LintFixturesTest {
  static final Path DIR = Path.of("src/test/resources/lint");
  static final SessionOptions OPTIONS = new SessionOptions(EvaluatorOptions.DEFAULT, 30_000, false);

  static LintReport lint(String manifests, String... specs) throws Exception {
    Cluster c = new ClusterLoader().load(List.of(DIR.resolve(manifests).toString()), LoadOptions.defaults()).cluster();
    List<InvariantSet> sets = new SpecReader().read(List.of(specs).stream().map(DIR::resolve).toList());
    return new Linter(c, OPTIONS).lint(sets);
  }

  static List<LintFinding> withCode(LintReport r, String code) {
    return r.findings().stream().filter(f -> f.code().equals(code)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "redundant-rule, NPV-L-REDUNDANT-RULE",
      "redundant-policy, NPV-L-REDUNDANT-POLICY",
      "policy-selects-nothing, NPV-L-POLICY-SELECTS-NOTHING",
      "peer-matches-nothing, NPV-L-PEER-MATCHES-NOTHING",
      "named-port-undefined, NPV-L-NAMED-PORT-UNDEFINED",
      "except-covers-cidr, NPV-L-EXCEPT-COVERS-CIDR",
      "no-default-deny, NPV-L-NO-DEFAULT-DENY",
      "egress-blocks-dns, NPV-L-EGRESS-BLOCKS-DNS",
  })
  void triggerAndNearMiss(String fixture, String code) throws Exception {
    LintReport trigger = lint(fixture + "/trigger.yaml");
    assertFalse(withCode(trigger, code).isEmpty(), code + " expected in " + trigger.findings());
    withCode(trigger, code).forEach(f -> assertTrue(f.location().isKnown(), f.toString()));
    LintReport nearMiss = lint(fixture + "/near-miss.yaml");
    assertEquals(List.of(), withCode(nearMiss, code), code + " not expected");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "vacuous, NPV-L-VACUOUS-INVARIANT",
      "contradictory, NPV-L-CONTRADICTORY-INVARIANTS",
  })
  void specTriggerAndNearMiss(String fixture, String code) throws Exception {
    LintReport trigger = lint("specs/cluster.yaml", "specs/" + fixture + "-trigger.yaml");
    assertFalse(withCode(trigger, code).isEmpty(), code + " expected in " + trigger.findings());
    LintReport nearMiss = lint("specs/cluster.yaml", "specs/" + fixture + "-near-miss.yaml");
    assertEquals(List.of(), withCode(nearMiss, code), code + " not expected");
  }

  @Test
  void redundantRule_isTheCoveredOne_andNamesItsCover() throws Exception {
    List<LintFinding> fs = withCode(lint("redundant-rule/trigger.yaml"), LintCode.REDUNDANT_RULE.id());
    assertEquals(1, fs.size(), fs.toString());
    assertEquals("rule app/web ingress rule 0 is redundant: everything it admits is already admitted by "
        + "app/web ingress rule 1", fs.get(0).message());
    assertEquals(1, fs.get(0).related().size());
    assertEquals(Severity.WARNING, fs.get(0).severity());
  }

  @Test
  void redundantPolicy_namesTheCoveringPolicy() throws Exception {
    List<LintFinding> fs = withCode(lint("redundant-policy/trigger.yaml"), LintCode.REDUNDANT_POLICY.id());
    assertEquals(1, fs.size(), fs.toString());
    assertTrue(fs.get(0).message().startsWith("policy app/web-a is redundant"), fs.get(0).message());
    assertTrue(fs.get(0).message().contains("covered by app/web-b"), fs.get(0).message());
  }

  @Test
  void contradictions_reportTheLaterInvariant() throws Exception {
    List<LintFinding> fs = withCode(lint("specs/cluster.yaml", "specs/contradictory-trigger.yaml"),
        LintCode.CONTRADICTORY_INVARIANTS.id());
    assertEquals(2, fs.size(), fs.toString());
    assertTrue(fs.stream().allMatch(f -> f.severity() == Severity.ERROR));
    assertTrue(fs.get(0).message().startsWith("invariant 'client-reaches-web' (allow) contradicts 'web-closed'"),
        fs.get(0).message());
    assertTrue(fs.get(1).message().startsWith("invariant 'client-reaches-web-somehow' (allowSome) contradicts"),
        fs.get(1).message());
  }

  @Test
  void coverage_countsPodsNotIsolated() throws Exception {
    List<LintFinding> fs = withCode(lint("no-default-deny/trigger.yaml"), LintCode.NO_DEFAULT_DENY.id());
    assertEquals(1, fs.size(), fs.toString());
    assertTrue(fs.get(0).message().startsWith("namespace app: 2 of 2 workloads not isolated for egress"),
        fs.get(0).message());
  }

  @Test
  void namedPort_isResolvedPerProtocol() {
    // web defines http for TCP only: the UDP entry admits nothing, the TCP one is fine.
    var web = Dsl.withPorts(Dsl.deployment("x", "web", "app", "web"),
        Dsl.containerPort("http", 8080, Protocol.TCP));
    for (var proto : Protocol.values()) {
      var c = Dsl.cluster(List.of(Dsl.ns("x")), List.of(web),
          List.of(Dsl.policy("x", "p").select(Dsl.sel("app", "web"))
              .ingress(Dsl.ports(Dsl.named(proto, "http"))).build()));
      List<LintFinding> fs = withCode(new Linter(c, OPTIONS).lint(List.of()), LintCode.NAMED_PORT_UNDEFINED.id());
      assertEquals(proto == Protocol.TCP ? 0 : 1, fs.size(), proto + ": " + fs);
    }
  }

  @Test
  void exceptCoverage() {
    assertTrue(ExceptCheck.covered(new IpBlock(Cidr.of("10.0.0.0/24"),
        ImmutableList.of(Cidr.of("10.0.0.0/16")))));
    assertFalse(ExceptCheck.covered(new IpBlock(Cidr.of("10.0.0.0/24"),
        ImmutableList.of(Cidr.of("10.0.0.0/26"),
            Cidr.of("10.0.0.128/25")))));
  }
}
