package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.load.ClusterLoader;
import dev.npv.load.Fixtures;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * While the evaluators do not apply Cilium policies, the Star Wars demo's rule1 (only org=empire ships
 * reach the deathstar on TCP 80) must not let any verdict about its namespace pass: without it npv would
 * prove "the xwing reaches the deathstar", which Cilium denies.
 */
class CiliumStarWarsGuardTest {
  private static final String SPEC = """
      apiVersion: npv.dev/v1alpha1
      kind: InvariantSet
      metadata: {name: s}
      spec:
        invariants:
        - name: xwing-to-deathstar
          expect: allow
          from: {workload: default/xwing}
          to: {podSelector: {matchLabels: {class: deathstar}}}
          ports: [{protocol: TCP, port: 80}]
        - name: tiefighter-to-deathstar
          expect: allow
          from: {workload: default/tiefighter}
          to: {podSelector: {matchLabels: {class: deathstar}}}
          ports: [{protocol: TCP, port: 80}]
      """;

  private static Map<String, Verdict> verdicts(String... files) throws Exception {
    List<SourceText> texts = new ArrayList<>();
    for (String f : files) {
      Path p = Fixtures.resource("cilium/upstream/" + f);
      texts.add(new SourceText(p.toString(), Files.readString(p)));
    }
    Cluster cluster = new ClusterLoader().loadTexts(texts, LoadOptions.defaults()).cluster();
    VerificationReport report = new Verifier(cluster, new VerifyOptions(Optional.of(World.CLOSED),
        SessionOptions.DEFAULT)).verify(new SpecReader().read("s.yaml", SPEC));
    Map<String, Verdict> out = new LinkedHashMap<>();
    report.results().forEach(r -> out.put(r.name(), r.verdict()));
    return out;
  }

  @Test
  void withoutThePolicyBothShipsReachTheDeathstar() throws Exception {
    assertEquals(Map.of("xwing-to-deathstar", Verdict.PROVEN, "tiefighter-to-deathstar", Verdict.PROVEN),
        verdicts("http-sw-app.yaml"));
  }

  @Test
  void withThePolicyNeitherVerdictPasses() throws Exception {
    assertEquals(Map.of("xwing-to-deathstar", Verdict.UNKNOWN, "tiefighter-to-deathstar", Verdict.UNKNOWN),
        verdicts("http-sw-app.yaml", "sw_l3_l4_policy.yaml"));
  }
}
