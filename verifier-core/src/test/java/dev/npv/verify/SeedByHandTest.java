package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Rule;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed scenario built from IR records (independent of the loader), checked in both worlds. */
class SeedByHandTest {
  static final SourceLocation L = SourceLocation.UNKNOWN;

  static Namespace ns(String name, Map<String, String> labels) {
    ImmutableSortedMap.Builder<String, String> b = ImmutableSortedMap.naturalOrder();
    b.putAll(labels).put(Namespace.NAME_LABEL, name);
    return new Namespace(name, b.buildOrThrow(), true, L);
  }

  static Workload deployment(String ns, String name, Map<String, String> labels, ContainerPort... ports) {
    return new Workload(WorkloadKind.Deployment, ns, name, ImmutableSortedMap.copyOf(labels),
        ImmutableList.copyOf(ports), ImmutableList.of(), false, L);
  }

  static ContainerPort port(String name, int number) {
    return new ContainerPort(Optional.of(name), number, Protocol.TCP);
  }

  static Cluster seed() {
    LabelSelector backend = LabelSelector.matchLabels(Map.of("app", "backend"));
    Policy deny = new Policy(new PolicyId("myapp", "default-ingress"), backend, ImmutableSet.of(Direction.INGRESS),
        ImmutableList.of(), ImmutableList.of(), L);
    Rule allowRule = new Rule(Direction.INGRESS, 0, ImmutableList.of(new Peer.Pods(
        Optional.of(LabelSelector.matchLabels(Map.of("project", "myApp"))),
        Optional.of(LabelSelector.matchLabels(Map.of("app", "frontend"))))),
        ImmutableList.of(new PolicyPort(Protocol.TCP, new PortSpec.Range(5555, 5555))), L);
    Policy allow = new Policy(new PolicyId("myapp", "allow-frontend"), backend, ImmutableSet.of(Direction.INGRESS),
        ImmutableList.of(allowRule), ImmutableList.of(), L);
    return Cluster.of(
        List.of(ns("myapp", Map.of("project", "myApp")), ns("shop", Map.of("project", "shop")), ns("default", Map.of())),
        List.of(deployment("myapp", "backend", Map.of("app", "backend"), port("api", 5555), port("metrics", 9090)),
            deployment("myapp", "frontend", Map.of("app", "frontend"), port("http", 8080)),
            deployment("shop", "frontend", Map.of("app", "frontend"), port("http", 8080))),
        List.of(deny, allow));
  }

  static EndpointSet pods(Optional<String> namespace, Optional<LabelSelector> nsSel, Optional<LabelSelector> podSel) {
    return EndpointSet.of(List.of(new EndpointSelector(namespace, nsSel, podSel, Optional.empty(), Optional.empty(), L)));
  }

  static Invariant inv(String name, Expect expect, EndpointSet from, EndpointSet to, List<PolicyPort> ports) {
    return new Invariant(name, "", expect, from, to, ImmutableList.copyOf(ports), Optional.empty(), L);
  }

  static final PolicyPort TCP5555 = new PolicyPort(Protocol.TCP, new PortSpec.Range(5555, 5555));
  static final EndpointSet BACKEND = pods(Optional.of("myapp"), Optional.empty(),
      Optional.of(LabelSelector.matchLabels(Map.of("app", "backend"))));

  static List<Invariant> invariants() {
    LabelSelector notMyApp = new LabelSelector(ImmutableSortedMap.of(),
        ImmutableList.of(SelectorRequirement.of("project", SelectorOperator.NotIn, "myApp")));
    LabelSelector notNamedMyapp = new LabelSelector(ImmutableSortedMap.of(),
        ImmutableList.of(SelectorRequirement.of(Namespace.NAME_LABEL, SelectorOperator.NotIn, "myapp")));
    LabelSelector frontend = LabelSelector.matchLabels(Map.of("app", "frontend"));
    return List.of(
        inv("closed-to-other-projects", Expect.DENY, pods(Optional.empty(), Optional.of(notMyApp), Optional.empty()),
            BACKEND, List.of(TCP5555)),
        inv("frontend-reaches-backend", Expect.ALLOW, pods(Optional.empty(),
            Optional.of(LabelSelector.matchLabels(Map.of("project", "myApp"))), Optional.of(frontend)),
            BACKEND, List.of(TCP5555)),
        inv("metrics-closed", Expect.DENY, EndpointSet.ANY, BACKEND,
            List.of(new PolicyPort(Protocol.TCP, new PortSpec.Range(9090, 9090)))),
        inv("only-from-myapp", Expect.DENY, pods(Optional.empty(), Optional.of(notNamedMyapp), Optional.empty()),
            BACKEND, List.of()),
        inv("shop-cannot", Expect.DENY, pods(Optional.of("shop"), Optional.empty(), Optional.of(frontend)),
            BACKEND, List.of()),
        inv("egress-open", Expect.ALLOW, pods(Optional.of("myapp"), Optional.empty(), Optional.of(frontend)),
            EndpointSet.of(List.of(new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new IpBlock(Cidr.of("0.0.0.0/0"), ImmutableList.of())), L))),
            List.of(new PolicyPort(Protocol.TCP, new PortSpec.Range(443, 443)))),
        inv("some-frontend-reaches", Expect.ALLOW_SOME, EndpointSet.ANY, BACKEND, List.of()));
  }

  static List<Verdict> run(World world) throws Exception {
    InvariantSet set = new InvariantSet("seed", world, ImmutableList.copyOf(invariants()), L);
    VerificationReport r = new Verifier(seed(), VerifyOptions.DEFAULT).verify(List.of(set));
    return r.results().stream().map(CheckResult::verdict).toList();
  }

  @Test
  void openWorld_matchesTheSeedReadme() throws Exception {
    assertEquals(List.of(Verdict.PROVEN, Verdict.PROVEN, Verdict.PROVEN, Verdict.VIOLATED, Verdict.PROVEN,
        Verdict.PROVEN, Verdict.PROVEN), run(World.OPEN));
  }

  @Test
  void closedWorld_onlyFromMyappIsProven() throws Exception {
    assertEquals(List.of(Verdict.PROVEN, Verdict.PROVEN, Verdict.PROVEN, Verdict.PROVEN, Verdict.PROVEN,
        Verdict.PROVEN, Verdict.PROVEN), run(World.CLOSED));
  }

  @Test
  void openWorldCounterexample_isAFrontendInAnotherMyAppNamespace() throws Exception {
    InvariantSet set = new InvariantSet("seed", World.OPEN, ImmutableList.of(invariants().get(3)), L);
    CheckResult r = new Verifier(seed(), VerifyOptions.DEFAULT).verify(List.of(set)).results().get(0);
    Counterexample c = r.counterexample().orElseThrow();
    assertEquals(Map.of("app", "frontend"), c.source().labels());
    assertEquals("myApp", c.source().namespaceLabels().get("project"));
    assertTrue(!c.source().namespace().orElseThrow().equals("myapp"));
    assertEquals("myapp/backend", c.destination().workload().orElseThrow());
    assertEquals(Protocol.TCP, c.protocol());
    assertEquals(5555, c.port());
    assertTrue(c.explanation().get(1).contains("myapp/allow-frontend ingress rule 0"), c.explanation().toString());
  }
}
