package dev.npv.lint;

import static dev.npv.testutil.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.model.LabelSelector;
import dev.npv.model.Policy;
import dev.npv.model.Protocol;
import dev.npv.model.Rule;
import dev.npv.smt.LintSession;
import dev.npv.smt.SessionOptions;
import dev.npv.testutil.RandomCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Redundancy is judged over every pod that could exist, and removing everything it reports changes nothing. */
class RedundancyTest {
  static RedundancyCheck.Removed redundant(Cluster c, EvaluatorOptions options, List<LintFinding> out) {
    try (LintSession s = new LintSession(c, List.of(), new SessionOptions(options, 30_000, false))) {
      return RedundancyCheck.run(LintContext.of(c, options), s, out);
    }
  }

  static List<String> rules(Cluster c) {
    return redundant(c, EvaluatorOptions.DEFAULT, new ArrayList<>()).rules().stream().sorted().toList();
  }

  static Cluster web(Policy... policies) {
    return cluster(List.of(ns("x")), List.of(deployment("x", "web", "app", "web", "tier", "a"),
        deployment("x", "client", "app", "client")), List.of(policies));
  }

  @Test
  void identicalRules_onlyTheFirstIsKept() {
    Cluster c = web(policy("x", "p").select(sel("app", "web"))
        .ingress(from(podPeer(sel("app", "client"))), from(podPeer(sel("app", "client")))).build());
    assertEquals(List.of("x/p ingress rule 0"), rules(c));
  }

  @Test
  void theNarrowerRuleIsRedundant_notTheBroader() {
    Cluster c = web(policy("x", "p").select(sel("app", "web"))
        .ingress(from(podPeer(LabelSelector.ALL)), from(podPeer(sel("app", "client")))).build());
    assertEquals(List.of("x/p ingress rule 1"), rules(c));
  }

  @Test
  void coverOnlyForSomeSelectedPods_isNoCover() {
    // q selects app=web,tier=a only; a future app=web pod without tier=a still needs p's rule.
    Cluster c = web(policy("x", "p").select(sel("app", "web")).ingress(from(podPeer(sel("app", "client")))).build(),
        policy("x", "q").select(sel("app", "web", "tier", "a")).ingress(allowAll()).build());
    assertEquals(List.of(), rules(c));
  }

  @Test
  void coverFromAnotherPolicyOnASuperset() {
    // p's rule 1 (addresses) keeps p itself needed; its rule 0 is inside q's rule 0.
    Cluster c = web(policy("x", "p").select(sel("app", "web"))
            .ingress(from(podPeer(sel("app", "client"))), from(ipPeer("10.0.0.0/8"))).build(),
        policy("x", "q").select(sel("app", "web")).ingress(from(podPeer(LabelSelector.ALL)), ports(tcp(80))).build());
    assertEquals(List.of("x/p ingress rule 0"), rules(c));
    assertEquals(Set.of(), redundant(c, EvaluatorOptions.DEFAULT, new ArrayList<>()).policies());
  }

  @Property(tries = 40)
  void removingEverythingReportedChangesNoConnection(@ForAll long seed) {
    RandomCluster rc = RandomCluster.random(new Random(seed));
    Cluster c = rc.cluster();
    RedundancyCheck.Removed removed = redundant(c, rc.options(), new ArrayList<>());
    List<Policy> kept = new ArrayList<>();
    for (Policy p : c.policies()) {
      if (!removed.policies().contains(p.id())) {
        kept.add(new Policy(p.id(), p.podSelector(), p.types(), keep(p, p.ingress(), removed),
            keep(p, p.egress(), removed), p.location()));
      }
    }
    Cluster reduced = Cluster.of(c.namespaces().values(), c.workloads(), kept);
    ReferenceEvaluator before = new ReferenceEvaluator(c, rc.options());
    ReferenceEvaluator after = new ReferenceEvaluator(reduced, rc.options());
    for (Endpoint src : rc.endpoints()) {
      for (Endpoint dst : rc.endpoints()) {
        if (src instanceof Endpoint.External && dst instanceof Endpoint.External) {
          continue;
        }
        for (Protocol pr : Protocol.values()) {
          for (int port : new int[] {1, 53, 80, 81, 443, 8080}) {
            Connection conn = new Connection(src, dst, pr, port);
            assertEquals(before.allows(conn), after.allows(conn), conn + " after removing " + removed + " from " + rc);
          }
        }
      }
    }
  }

  private static ImmutableList<Rule> keep(Policy p, List<Rule> rules, RedundancyCheck.Removed removed) {
    return rules.stream().filter(r -> !p.isolates(r.direction()) || !removed.rules().contains(LintContext.ruleName(p, r)))
        .collect(ImmutableList.toImmutableList());
  }

}
