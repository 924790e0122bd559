package dev.npv.verify;

import static dev.npv.testutil.Dsl.cluster;
import static dev.npv.testutil.Dsl.deployment;
import static dev.npv.testutil.Dsl.from;
import static dev.npv.testutil.Dsl.hostNetwork;
import static dev.npv.testutil.Dsl.ns;
import static dev.npv.testutil.Dsl.nsPodPeer;
import static dev.npv.testutil.Dsl.policy;
import static dev.npv.testutil.Dsl.sel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.model.Cluster;
import dev.npv.model.LabelSelector;
import dev.npv.model.Protocol;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import dev.npv.testutil.Dsl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The open world's solver knows only new pods, hostNetwork workloads and workloads invariants name
 * (every other known workload behaves as some new pod); counterexamples are then made familiar by
 * naming a known workload that breaks the invariant too. These cases pin both halves.
 */
class OpenWorldWitnessTest {
  static final SourceLocation L = SourceLocation.UNKNOWN;

  /** b/server admits app=client from namespaces team=a; a/client exists. */
  static Cluster clientServer() {
    return cluster(List.of(ns("a", "team", "a"), ns("b", "team", "b")),
        List.of(deployment("a", "client", "app", "client"), deployment("b", "server", "app", "server")),
        List.of(policy("b", "server-ingress").select(sel("app", "server"))
            .ingress(from(nsPodPeer(sel("team", "a"), sel("app", "client")))).build()));
  }

  static EndpointSet pods(Optional<String> namespace, Optional<LabelSelector> podSelector) {
    return EndpointSet.of(List.of(new EndpointSelector(namespace, Optional.empty(), podSelector, Optional.empty(),
        Optional.empty(), L)));
  }

  static CheckResult check(Cluster c, World world, Invariant inv) throws Exception {
    InvariantSet set = new InvariantSet("t", world, ImmutableList.of(inv), L);
    return new Verifier(c, VerifyOptions.DEFAULT).verify(List.of(set)).results().get(0);
  }

  static Invariant deny(EndpointSet from, EndpointSet to) {
    return new Invariant("deny", "", Expect.DENY, from, to, ImmutableList.of(), Optional.empty(), L);
  }

  @Test
  void aKnownWorkloadThatBreaksTheInvariantIsNamed() throws Exception {
    CheckResult r = check(clientServer(), World.OPEN,
        deny(pods(Optional.of("a"), Optional.empty()), pods(Optional.of("b"), Optional.of(sel("app", "server")))));
    assertEquals(Verdict.VIOLATED, r.verdict());
    Counterexample c = r.counterexample().orElseThrow();
    assertEquals(Optional.of("a/client"), c.source().workload());
    assertEquals(EndpointView.Kind.WORKLOAD, c.source().kind());
    assertEquals(Optional.of("b/server"), c.destination().workload());
    // Normalised: the first protocol and lowest port that make the same point (the rule has no ports).
    assertEquals(Protocol.TCP, c.protocol());
    assertEquals(1, c.port());
  }

  @Test
  void theCounterexamplePortIsTheLowestThatMakesThePoint() throws Exception {
    Cluster c = cluster(clientServer().namespaces().values().asList(), clientServer().workloads(),
        List.of(policy("b", "server-ingress").select(sel("app", "server"))
            .ingress(Dsl.rule(List.of(nsPodPeer(sel("team", "a"), sel("app", "client"))),
                List.of(Dsl.range(Protocol.UDP, 8000, 9000)))).build()));
    CheckResult r = check(c, World.OPEN,
        deny(pods(Optional.of("a"), Optional.empty()), pods(Optional.of("b"), Optional.of(sel("app", "server")))));
    Counterexample x = r.counterexample().orElseThrow();
    assertEquals(Protocol.UDP, x.protocol());
    assertEquals(8000, x.port());
  }

  @Test
  void whenOnlyANewPodBreaksIt_theWitnessStaysANewPod() throws Exception {
    // a/client is excluded by the invariant itself: only a new app=client pod in a shows the hole.
    Cluster c = cluster(List.of(ns("a", "team", "a"), ns("b", "team", "b")),
        List.of(deployment("a", "web", "app", "web"), deployment("b", "server", "app", "server")),
        clientServer().policies());
    Invariant inv = deny(pods(Optional.of("a"), Optional.empty()),
        pods(Optional.of("b"), Optional.of(sel("app", "server"))));
    CheckResult open = check(c, World.OPEN, inv);
    assertEquals(Verdict.VIOLATED, open.verdict());
    Counterexample x = open.counterexample().orElseThrow();
    assertEquals(EndpointView.Kind.HYPOTHETICAL_POD, x.source().kind());
    assertEquals("client", x.source().labels().get("app"));
    assertEquals(Optional.of("b/server"), x.destination().workload());
    assertEquals(Verdict.PROVEN, check(c, World.CLOSED, inv).verdict());
  }

  @Test
  void aHostNetworkWorkloadStillBreaksAnOpenWorldIsolationClaim() throws Exception {
    // Every pod of b is isolated for ingress with no rule; b/agent uses the node's network, so no
    // policy governs it. A new pod labelled app=agent would be isolated: only the known one breaks it.
    Cluster c = cluster(List.of(ns("a"), ns("b")),
        List.of(deployment("a", "client", "app", "client"), hostNetwork(deployment("b", "agent", "app", "agent"))),
        List.of(policy("b", "default-deny").build()));
    CheckResult r = check(c, World.OPEN,
        deny(EndpointSet.ANY, pods(Optional.of("b"), Optional.of(sel("app", "agent")))));
    assertEquals(Verdict.VIOLATED, r.verdict());
    assertEquals(Optional.of("b/agent"), r.counterexample().orElseThrow().destination().workload());
  }

  @Test
  void aWorkloadNamedByTheInvariantKeepsItsOwnLabels() throws Exception {
    EndpointSet client = EndpointSet.of(List.of(new EndpointSelector(Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(new EndpointSelector.WorkloadRef("a", "client")), Optional.empty(), L)));
    CheckResult r = check(clientServer(), World.OPEN,
        new Invariant("allow", "", Expect.ALLOW, client, pods(Optional.of("b"), Optional.of(sel("app", "server"))),
            ImmutableList.of(), Optional.empty(), L));
    assertEquals(Verdict.PROVEN, r.verdict());
    // The same workload relabelled so that the policy no longer admits it: the allow claim breaks.
    Cluster relabelled = cluster(clientServer().namespaces().values().asList(),
        List.of(deployment("a", "client", "app", "other"), deployment("b", "server", "app", "server")),
        clientServer().policies());
    CheckResult broken = check(relabelled, World.OPEN,
        new Invariant("allow", "", Expect.ALLOW, client, pods(Optional.of("b"), Optional.of(sel("app", "server"))),
            ImmutableList.of(), Optional.empty(), L));
    assertEquals(Verdict.VIOLATED, broken.verdict());
    assertEquals(Optional.of("a/client"), broken.counterexample().orElseThrow().source().workload());
    assertTrue(broken.counterexample().orElseThrow().source().labels().containsValue("other"));
  }
}
