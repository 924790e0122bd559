package dev.npv.differential;

import static dev.npv.differential.DifferentialTest.invariant;
import static dev.npv.differential.DifferentialTest.set;
import static dev.npv.testutil.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.InvalidInputException;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.PolicyPort;
import dev.npv.model.SelectorOperator;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shrunk disagreements the differential properties found, kept as fixed cases. */
class DifferentialRegressionTest {
  private static final ImmutableList<PolicyPort> TCP_80 = ImmutableList.of(tcp(80));

  /**
   * An implied namespace has only its name label in the closed world (the loader's stated
   * assumption, which the evaluator follows); the encoder used to leave its labels free there.
   */
  @Test
  void regression_impliedNamespaceHasOnlyTheNameLabelInClosedWorld() throws InvalidInputException {
    Cluster c = cluster(List.of(ns("alpha"), ClusterGen.implied("beta")),
        List.of(deployment("beta", "client", "app", "a"), deployment("alpha", "server", "app", "b")),
        List.of(policy("alpha", "np").select(sel("app", "b")).types(Direction.INGRESS)
            .ingress(from(nsPeer(sel("env", "prod")))).build()));
    Invariant deny = invariant("deny", Expect.DENY, set(workload("beta", "client")), set(workload("alpha", "server")),
        TCP_80);
    assertEquals(Verdict.PROVEN, only(verify(c, World.CLOSED, deny)).verdict());
    // In the open world the implied namespace's other labels are unknown: it may be labelled env=prod.
    assertEquals(Verdict.VIOLATED, only(verify(c, World.OPEN, deny)).verdict());
  }

  /**
   * Two ends in one (implied) namespace must see the same namespace labels; the encoder gave each
   * end its own copy, so a connection needing env=prod on one side and env!=prod on the other passed.
   */
  @Test
  void regression_bothEndsInOneNamespaceSeeTheSameLabels() throws InvalidInputException {
    Cluster c = cluster(List.of(ClusterGen.implied("beta")), List.of(),
        List.of(policy("beta", "in").select(sel("app", "a")).types(Direction.INGRESS)
                .ingress(from(nsPeer(sel("env", "prod")))).build(),
            policy("beta", "out").select(sel("app", "b")).types(Direction.EGRESS)
                .egress(from(nsPeer(sel(labels(), req("env", SelectorOperator.NotIn, "prod"))))).build()));
    Invariant deny = invariant("deny", Expect.DENY, set(pods("beta", sel("app", "b"))),
        set(pods("beta", sel("app", "a"))), TCP_80);
    CheckResult r = only(verify(c, World.OPEN, deny));
    assertEquals(Verdict.PROVEN, r.verdict(), r::toString);
  }

  /** Two hypothetical pods in new namespaces with different labels are in two namespaces, named apart. */
  @Test
  void regression_twoNewNamespacesWithDifferentLabelsGetDifferentNames() throws InvalidInputException {
    Cluster c = cluster(List.of(ns("alpha")), List.of(),
        List.of(policy("alpha", "np").types(Direction.INGRESS).build()));
    Invariant some = invariant("some", Expect.ALLOW_SOME, set(nsPods(sel("env", "prod"))),
        set(nsPods(sel("env", "dev"))), TCP_80);
    CheckResult r = only(verify(c, World.OPEN, some));
    assertEquals(Verdict.PROVEN, r.verdict(), r::toString);
    Counterexample cex = r.counterexample().orElseThrow();
    assertNotEquals(cex.source().namespace(), cex.destination().namespace(), r::toString);
  }

  // ---- helpers

  private static EndpointSelector workload(String ns, String name) {
    return new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new EndpointSelector.WorkloadRef(ns, name)), Optional.empty(), DifferentialTest.L);
  }

  private static EndpointSelector pods(String ns, LabelSelector podSelector) {
    return new EndpointSelector(Optional.of(ns), Optional.empty(), Optional.of(podSelector), Optional.empty(),
        Optional.empty(), DifferentialTest.L);
  }

  private static EndpointSelector nsPods(LabelSelector nsSelector) {
    return new EndpointSelector(Optional.empty(), Optional.of(nsSelector), Optional.empty(), Optional.empty(),
        Optional.empty(), DifferentialTest.L);
  }

  private static VerificationReport verify(Cluster c, World world, Invariant inv) throws InvalidInputException {
    return new Verifier(c, VerifyOptions.DEFAULT).verify(List.of(
        new InvariantSet("regression", world, ImmutableList.of(inv), DifferentialTest.L)));
  }

  private static CheckResult only(VerificationReport r) {
    return r.results().get(0);
  }
}
