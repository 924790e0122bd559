package dev.npv.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.load.Fixtures;
import dev.npv.model.LabelSelector;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpecReaderTest {
  private static final Path SEED = Path.of("..", "specs", "examples", "seed", "invariants.yaml");

  @Test
  void seedReadsIntoSixInvariants() throws Exception {
    List<InvariantSet> sets = new SpecReader().read(List.of(SEED));
    assertEquals(1, sets.size());
    InvariantSet set = sets.get(0);
    assertEquals("myapp-backend", set.name());
    assertEquals(World.OPEN, set.world());
    List<Invariant> inv = set.invariants();
    assertEquals(List.of("backend-closed-to-other-projects", "frontend-reaches-backend", "backend-metrics-closed",
        "backend-only-from-namespace-myapp", "shop-frontend-cannot-reach-backend", "frontend-egress-open"),
        inv.stream().map(Invariant::name).toList());
    assertEquals(List.of(Expect.DENY, Expect.ALLOW, Expect.DENY, Expect.DENY, Expect.DENY, Expect.ALLOW),
        inv.stream().map(Invariant::expect).toList());
    assertEquals(List.of(Verdict.PROVEN, Verdict.PROVEN, Verdict.PROVEN, Verdict.VIOLATED, Verdict.PROVEN,
        Verdict.PROVEN), inv.stream().map(i -> i.expectedIn(World.OPEN).orElseThrow()).toList());
    // The one invariant whose verdict differs per world records both.
    assertEquals(Optional.of(Verdict.PROVEN), inv.get(3).expectedIn(World.CLOSED));
    assertEquals(Optional.empty(), inv.get(3).expectedVerdict());

    Invariant first = inv.get(0);
    assertFalse(first.from().any());
    EndpointSelector from = first.from().selectors().get(0);
    assertEquals(Optional.of(new LabelSelector(ImmutableSortedMap.of(),
        ImmutableList.of(SelectorRequirement.of("project", SelectorOperator.NotIn, "myApp")))),
        from.namespaceSelector());
    assertEquals(Optional.empty(), from.podSelector());
    EndpointSelector to = first.to().selectors().get(0);
    assertEquals(Optional.of("myapp"), to.namespace());
    assertEquals(Optional.of(LabelSelector.matchLabels(Map.of("app", "backend"))), to.podSelector());
    assertEquals(List.of(new PolicyPort(Protocol.TCP, new PortSpec.Range(5555, 5555))), first.ports());
    assertTrue(first.description().startsWith("No pod outside"));

    assertTrue(inv.get(2).from().any(), "absent 'from' means every endpoint");
    assertTrue(inv.get(3).ports().isEmpty(), "absent 'ports' means every protocol and port");
    EndpointSelector external = inv.get(5).to().selectors().get(0);
    assertTrue(external.isExternal());
    assertEquals("0.0.0.0/0", external.ipBlock().orElseThrow().toString());
  }

  @Test
  void listOfSelectorsIsAUnionAndWorkloadRefsAndClosedWorld() throws Exception {
    List<InvariantSet> sets = new SpecReader().read("s.yaml", """
        apiVersion: npv.dev/v1alpha1
        kind: InvariantSet
        metadata: {name: s}
        spec:
          world: closed
          invariants:
          - name: i
            expect: allowSome
            from:
            - workload: myapp/frontend
            - podSelector: {}
            to: {}
        """);
    InvariantSet s = sets.get(0);
    assertEquals(World.CLOSED, s.world());
    Invariant i = s.invariants().get(0);
    assertEquals(Expect.ALLOW_SOME, i.expect());
    assertEquals(2, i.from().selectors().size());
    assertEquals("myapp/frontend", i.from().selectors().get(0).workload().orElseThrow().toString());
    assertFalse(i.to().any(), "an empty selector is any pod, not any endpoint");
    assertEquals(Optional.empty(), i.expectedVerdict());
  }

  static Stream<Path> invalidCases() {
    return Fixtures.caseDirs("spec/invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void invalidSpecsReportTheMarkedDiagnostics(Path dir) throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new SpecReader().read(List.of(dir)));
    List<Diagnostic> all = e.diagnostics();
    Fixtures.assertSame(Fixtures.expected(dir), Fixtures.actual(all), all);
  }
}
