package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code check --explain} says of a proof basis, tested as stated (README, specs/check-report.md):
 * the invariant stays PROVEN in every cluster that keeps the named policies and rules, whichever of
 * the other loaded policies and rules are removed; it does not promise anything about a policy that is
 * added or changed, and indeed an added allow can break a deny proof (NetworkPolicy allows add up).
 */
class ProofBasisStatementTest {

  private static List<InvariantSet> specs(Path file) throws Exception {
    return new SpecReader().read(List.of(file));
  }

  private static VerificationReport verify(Cluster c, List<InvariantSet> sets, World world) throws Exception {
    return new Verifier(c, new VerifyOptions(Optional.of(world), SessionOptions.DEFAULT, true)).verify(sets);
  }

  /** The cluster with only the basis' NetworkPolicies, each with only its basis rules. */
  private static Cluster keepOnly(Cluster c, List<String> basis) {
    Set<String> members = Set.copyOf(basis);
    List<Policy> kept = new ArrayList<>();
    for (Policy p : c.policies()) {
      if (!members.contains(p.id().toString())) {
        continue;
      }
      kept.add(new Policy(p.id(), p.podSelector(), p.types(), rulesIn(p, p.ingress(), members),
          rulesIn(p, p.egress(), members), p.location()));
    }
    return Cluster.of(c.namespaces().values(), c.workloads(), kept, c.adminPolicies(), c.nodes());
  }

  private static ImmutableList<Rule> rulesIn(Policy p, List<Rule> rules, Set<String> members) {
    return rules.stream().filter(r -> members.contains(p.id() + " " + r.direction().lower() + " rule " + r.index()))
        .collect(ImmutableList.toImmutableList());
  }

  /** Checks the statement for every proof of the run; returns how many proofs it checked. */
  private static int removingTheRestKeepsEveryProof(Cluster c, List<InvariantSet> sets, World world)
      throws Exception {
    int checked = 0;
    for (CheckResult r : verify(c, sets, world).results()) {
      if (r.verdict() != Verdict.PROVEN || r.proofBasis().isEmpty()) {
        continue;
      }
      Cluster reduced = keepOnly(c, r.proofBasis().get());
      assertTrue(reduced.policies().size() <= c.policies().size());
      CheckResult again = verify(reduced, sets, world).results().stream()
          .filter(x -> x.name().equals(r.name())).findFirst().orElseThrow();
      assertEquals(Verdict.PROVEN, again.verdict(), r.name() + " (" + world + ") rests on " + r.proofBasis().get()
          + " but is " + again.verdict() + " once the other policies and rules are removed");
      checked++;
    }
    return checked;
  }

  @Test
  void seed_everyProofSurvivesRemovingWhatItDoesNotRestOn() throws Exception {
    Path dir = Path.of("../specs/examples/seed");
    Cluster c = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
    List<InvariantSet> sets = specs(dir.resolve("invariants.yaml"));
    assertTrue(removingTheRestKeepsEveryProof(c, sets, World.OPEN) >= 4);
    assertTrue(removingTheRestKeepsEveryProof(c, sets, World.CLOSED) >= 5);
  }

  @Test
  void generated_everyProofSurvivesRemovingWhatItDoesNotRestOn(@TempDir Path tmp) throws Exception {
    GeneratedCluster g = new ClusterGenerator().generate(new GeneratorConfig(4, 3, 4, 7));
    Path root = g.writeTo(tmp);
    Cluster c = new ClusterLoader().load(List.of(g.manifestsDir(root).toString()), LoadOptions.defaults()).cluster();
    List<InvariantSet> sets = specs(g.invariantsFile(root));
    assertTrue(removingTheRestKeepsEveryProof(c, sets, World.OPEN)
        + removingTheRestKeepsEveryProof(c, sets, World.CLOSED) >= 2, "some proofs to check");
  }

  /** Why the statement says "removed", not "whatever else exists": an added allow is outside any basis. */
  @Test
  void seed_anAddedAllowPolicyBreaksADenyProofWhoseBasisCannotNameIt(@TempDir Path tmp) throws Exception {
    Path seed = Path.of("../specs/examples/seed");
    List<InvariantSet> sets = specs(seed.resolve("invariants.yaml"));
    Cluster before = new ClusterLoader().load(List.of(seed.toString()), LoadOptions.defaults()).cluster();
    CheckResult proven = verify(before, sets, World.OPEN).results().stream()
        .filter(r -> r.name().equals("backend-closed-to-other-projects")).findFirst().orElseThrow();
    assertEquals(Verdict.PROVEN, proven.verdict());
    assertFalse(proven.proofBasis().orElseThrow().isEmpty());

    Path added = tmp.resolve("allow-all.yaml");
    Files.writeString(added, """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all, namespace: myapp}
        spec:
          podSelector: {}
          ingress: [{}]
        """);
    Cluster after = new ClusterLoader().load(List.of(seed.toString(), added.toString()), LoadOptions.defaults())
        .cluster();
    CheckResult broken = verify(after, sets, World.OPEN).results().stream()
        .filter(r -> r.name().equals("backend-closed-to-other-projects")).findFirst().orElseThrow();
    assertEquals(Verdict.VIOLATED, broken.verdict(), "an added allow-all ingress policy admits every peer");
  }
}
