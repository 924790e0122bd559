package dev.npv.verify;

import static dev.npv.testutil.Dsl.allowAll;
import static dev.npv.testutil.Dsl.cluster;
import static dev.npv.testutil.Dsl.deployment;
import static dev.npv.testutil.Dsl.from;
import static dev.npv.testutil.Dsl.ns;
import static dev.npv.testutil.Dsl.nsPodPeer;
import static dev.npv.testutil.Dsl.policy;
import static dev.npv.testutil.Dsl.req;
import static dev.npv.testutil.Dsl.sel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.SelectorOperator;
import dev.npv.model.Workload;
import dev.npv.smt.SolverSession;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scopes over many namespaces are first searched where no policy isolates the wide end (a cheap
 * try), then in full. These cases pin that the try never decides alone: a hole only a policed
 * namespace has is still found, and a proof still covers every namespace.
 */
class WideScopeTest {
  static final SourceLocation L = SourceLocation.UNKNOWN;

  /**
   * target/backend admits app=client from namespaces team=t05 only. n00..n19 (team=tNN) each run a
   * client; n05 allows all egress, n00..n09 deny all other egress, n10..n19 have no egress policy.
   */
  static Cluster cluster20() {
    return cluster20(1);
  }

  /** The same with {@code clients} client workloads per namespace (client, client-1, ...). */
  static Cluster cluster20(int clients) {
    List<Namespace> namespaces = new ArrayList<>(List.of(ns("target", "team", "target")));
    List<Workload> workloads = new ArrayList<>(List.of(deployment("target", "backend", "app", "backend")));
    List<Policy> policies = new ArrayList<>(List.of(policy("target", "backend-ingress").select(sel("app", "backend"))
        .ingress(from(nsPodPeer(sel("team", "t05"), sel("app", "client")))).build()));
    for (int i = 0; i < 20; i++) {
      String n = String.format("n%02d", i);
      namespaces.add(ns(n, "team", String.format("t%02d", i)));
      workloads.add(deployment(n, "client", "app", "client"));
      for (int c = 1; c < clients; c++) {
        workloads.add(deployment(n, "client-" + c, "app", "client"));
      }
      if (i == 5) {
        policies.add(policy(n, "egress-open").types(Direction.EGRESS).egress(allowAll()).build());
      } else if (i < 10) {
        policies.add(policy(n, "egress-deny").types(Direction.EGRESS).build());
      }
    }
    return cluster(namespaces, workloads, policies);
  }

  static final EndpointSet BACKEND = EndpointSet.of(List.of(new EndpointSelector(Optional.of("target"),
      Optional.empty(), Optional.of(sel("app", "backend")), Optional.empty(), Optional.empty(), L)));

  static CheckResult check(World world, EndpointSet from) throws Exception {
    return check(cluster20(), world, from);
  }

  static CheckResult check(Cluster c, World world, EndpointSet from) throws Exception {
    Invariant inv = new Invariant("deny", "", Expect.DENY, from, BACKEND, ImmutableList.of(), Optional.empty(), L);
    InvariantSet set = new InvariantSet("t", world, ImmutableList.of(inv), L);
    return new Verifier(c, VerifyOptions.DEFAULT).verify(List.of(set)).results().get(0);
  }

  @Test
  void closedWorld_scopesOverMoreWorkloadsThanANarrowQueryTakes_decideAlike() throws Exception {
    // 20 x 15 clients: more than SolverSession.NARROW_WORKLOADS, so the full closed-world solver decides.
    Cluster many = cluster20(15);
    assertTrue(many.workloads().size() > SolverSession.NARROW_WORKLOADS);
    CheckResult broken = check(many, World.CLOSED, EndpointSet.ANY);
    assertEquals(Verdict.VIOLATED, broken.verdict());
    assertEquals("n05", broken.counterexample().orElseThrow().source().namespace().orElseThrow());
    EndpointSet notT05 = EndpointSet.of(List.of(new EndpointSelector(Optional.empty(),
        Optional.of(sel(ImmutableSortedMap.of(), req("team", SelectorOperator.NotIn, "t05"))), Optional.empty(),
        Optional.empty(), Optional.empty(), L)));
    assertEquals(Verdict.PROVEN, check(many, World.CLOSED, notT05).verdict());
  }

  @Test
  void aHoleOnlyAPolicedNamespaceHasIsStillFound() throws Exception {
    // Closed world, every namespace: the quiet ones (n10..n19) have clients the target rejects.
    CheckResult r = check(World.CLOSED, EndpointSet.ANY);
    assertEquals(Verdict.VIOLATED, r.verdict());
    assertEquals(Optional.of("n05/client"), r.counterexample().orElseThrow().source().workload());
  }

  @Test
  void aProofStillCoversEveryNamespace() throws Exception {
    EndpointSet notT05 = EndpointSet.of(List.of(new EndpointSelector(Optional.empty(),
        Optional.of(sel(ImmutableSortedMap.of(), req("team", SelectorOperator.NotIn, "t05"))), Optional.empty(),
        Optional.empty(), Optional.empty(), L)));
    assertEquals(Verdict.PROVEN, check(World.CLOSED, notT05).verdict());
    assertEquals(Verdict.PROVEN, check(World.OPEN, notT05).verdict());
  }

  @Test
  void openWorld_aNewPodOfTeamT05BreaksItAndTheKnownClientIsNamed() throws Exception {
    CheckResult r = check(World.OPEN, EndpointSet.ANY);
    assertEquals(Verdict.VIOLATED, r.verdict());
    Counterexample c = r.counterexample().orElseThrow();
    assertEquals("t05", c.source().namespaceLabels().get("team"), c.toString());
    assertTrue(c.source().labels().containsValue("client"), c.toString());
  }
}
