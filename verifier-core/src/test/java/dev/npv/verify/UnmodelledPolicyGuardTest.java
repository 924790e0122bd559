package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.load.UnmodelledKinds;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A policy kind npv does not model never lets a verdict pass: the invariants it could change (an
 * endpoint that may be in its namespace; any, for a cluster-wide kind) are UNKNOWN, the others keep the
 * solver's verdict, and asking to ignore the kind restores every verdict.
 */
class UnmodelledPolicyGuardTest {
  private static final String CLUSTER = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: a, labels: {team: a}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: b, labels: {team: b}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: a, labels: {app: web}}
      status: {podIP: 10.0.0.1}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web2, namespace: a, labels: {app: web}}
      status: {podIP: 10.0.0.2}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db, namespace: b, labels: {app: db}}
      status: {podIP: 10.0.1.1}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: db2, namespace: b, labels: {app: db}}
      status: {podIP: 10.0.1.2}
      """;
  private static final String CILIUM_IN_A = """
      apiVersion: cilium.io/v2
      kind: CiliumNetworkPolicy
      metadata: {name: lock, namespace: a}
      spec: {endpointSelector: {}}
      """;
  private static final String CLUSTERWIDE = """
      apiVersion: cilium.io/v2
      kind: CiliumClusterwideNetworkPolicy
      metadata: {name: lock}
      spec: {endpointSelector: {}}
      """;
  private static final String SPEC = """
      apiVersion: npv.dev/v1alpha1
      kind: InvariantSet
      metadata: {name: s}
      spec:
        invariants:
        - name: a-to-a
          expect: allow
          from: {namespace: a}
          to: {namespace: a}
        - name: b-to-b
          expect: allow
          from: {namespace: b}
          to: {namespace: b}
        - name: team-b-to-team-b
          expect: allow
          from: {namespaceSelector: {matchLabels: {team: b}}}
          to: {namespaceSelector: {matchLabels: {team: b}}}
        - name: any-pod-to-b
          expect: allow
          from: {podSelector: {}}
          to: {namespace: b}
        - name: a-closed-inside
          expect: deny
          from: {namespace: a}
          to: {namespace: a}
      """;

  private static Map<String, CheckResult> check(String extra, UnmodelledKinds ignored) throws Exception {
    Cluster cluster = new ClusterLoader().loadTexts(List.of(new SourceText("c.yaml", CLUSTER + "---\n" + extra)),
        LoadOptions.defaults().withIgnoreUnmodelled(ignored)).cluster();
    List<InvariantSet> sets = new SpecReader().read("s.yaml", SPEC);
    VerificationReport report = new Verifier(cluster, new VerifyOptions(Optional.of(World.CLOSED),
        SessionOptions.DEFAULT)).verify(sets);
    Map<String, CheckResult> out = new LinkedHashMap<>();
    report.results().forEach(r -> out.put(r.name(), r));
    return out;
  }

  private static Map<String, Verdict> verdicts(Map<String, CheckResult> results) {
    Map<String, Verdict> out = new LinkedHashMap<>();
    results.forEach((k, v) -> out.put(k, v.verdict()));
    return out;
  }

  @Test
  void withoutUnmodelledPoliciesTheSolverDecides() throws Exception {
    assertEquals(Map.of("a-to-a", Verdict.PROVEN, "b-to-b", Verdict.PROVEN, "team-b-to-team-b", Verdict.PROVEN,
        "any-pod-to-b", Verdict.PROVEN, "a-closed-inside", Verdict.VIOLATED),
        verdicts(check("", UnmodelledKinds.NONE)));
  }

  @Test
  void namespacedKindMakesInvariantsWithAnEndpointInItsNamespaceUnknown() throws Exception {
    Map<String, CheckResult> r = check(CILIUM_IN_A, UnmodelledKinds.NONE);
    assertEquals(Map.of("a-to-a", Verdict.UNKNOWN, "b-to-b", Verdict.PROVEN, "team-b-to-team-b", Verdict.PROVEN,
        "any-pod-to-b", Verdict.UNKNOWN, "a-closed-inside", Verdict.UNKNOWN), verdicts(r));
    CheckResult a = r.get("a-to-a");
    assertTrue(a.reason().contains("CiliumNetworkPolicy a/lock") && a.reason().contains("--ignore-unmodelled"
        + " CiliumNetworkPolicy") && a.reason().endsWith("without them npv finds PROVEN"), a.reason());
    assertTrue(r.get("a-closed-inside").counterexample().isEmpty(), "no counterexample for an UNKNOWN verdict");
    assertTrue(!a.passed());
  }

  @Test
  void clusterWideKindMakesEveryInvariantUnknown() throws Exception {
    assertTrue(verdicts(check(CLUSTERWIDE, UnmodelledKinds.NONE)).values().stream().allMatch(v -> v == Verdict.UNKNOWN));
  }

  @Test
  void clusterNetworkPolicyWithDomainNamesPeersMakesEveryInvariantUnknown() throws Exception {
    String anp = """
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: egress-by-name}
        spec:
          tier: Admin
          priority: 10
          subject: {namespaces: {matchLabels: {team: b}}}
          egress: [{action: Accept, to: [{domainNames: [db.example.com]}]}]
        """;
    Map<String, CheckResult> r = check(anp, UnmodelledKinds.NONE);
    assertTrue(r.values().stream().allMatch(x -> x.verdict() == Verdict.UNKNOWN), verdicts(r).toString());
    assertTrue(r.get("a-to-a").reason().contains("ClusterNetworkPolicy egress-by-name (its domainNames peers)")
        && r.get("a-to-a").reason().contains("--ignore-unmodelled domainNames"), r.get("a-to-a").reason());
    assertEquals(verdicts(check("", UnmodelledKinds.NONE)),
        verdicts(check(anp, UnmodelledKinds.parse("domainNames").orElseThrow())));
  }

  @Test
  void ignoringTheKindRestoresTheSolversVerdicts() throws Exception {
    Map<String, Verdict> expected = verdicts(check("", UnmodelledKinds.NONE));
    assertEquals(expected, verdicts(check(CILIUM_IN_A + "---\n" + CLUSTERWIDE, UnmodelledKinds.ALL)));
    assertEquals(expected, verdicts(check(CILIUM_IN_A, UnmodelledKinds.parse("CiliumNetworkPolicy").orElseThrow())));
    assertEquals(expected, verdicts(check(CILIUM_IN_A,
        UnmodelledKinds.parse("CiliumNetworkPolicy.cilium.io").orElseThrow())));
    // Ignoring another kind changes nothing.
    assertEquals(Verdict.UNKNOWN, check(CILIUM_IN_A, UnmodelledKinds.parse("GlobalNetworkPolicy").orElseThrow())
        .get("a-to-a").verdict());
  }

  @Test
  void diffCannotSayNothingChangedPastAnUnmodelledPolicy() throws Exception {
    Cluster plain = new ClusterLoader().loadTexts(List.of(new SourceText("c.yaml", CLUSTER)),
        LoadOptions.defaults()).cluster();
    Cluster withCilium = new ClusterLoader().loadTexts(List.of(new SourceText("c.yaml", CLUSTER + "---\n"
        + CILIUM_IN_A)), LoadOptions.defaults()).cluster();
    List<Invariant> scopes = new SpecReader().read("s.yaml", SPEC).get(0).invariants();
    DiffReport same = new DiffAnalyzer(plain, plain, SessionOptions.DEFAULT).diff(World.CLOSED, scopes, List.of());
    assertTrue(same.findings().stream().allMatch(f -> f.status() == DiffFinding.Status.NONE), same.toString());
    DiffReport doubtful = new DiffAnalyzer(plain, withCilium, SessionOptions.DEFAULT).diff(World.CLOSED, scopes,
        List.of());
    Map<String, DiffFinding.Status> byScope = new LinkedHashMap<>();
    doubtful.findings().forEach(f -> byScope.merge(f.scope(), f.status(), (x, y) -> x == y ? x : DiffFinding.Status.UNKNOWN));
    assertEquals(Map.of("a-to-a", DiffFinding.Status.UNKNOWN, "b-to-b", DiffFinding.Status.NONE, "team-b-to-team-b",
        DiffFinding.Status.NONE, "any-pod-to-b", DiffFinding.Status.UNKNOWN, "a-closed-inside",
        DiffFinding.Status.UNKNOWN), byScope);
    assertTrue(doubtful.anyUnknown());
  }
}
