package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.smt.SolverAnswer;
import dev.npv.smt.SolverSession;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minimal proofs (check --explain): every reported basis is itself enough (the invariant holds with
 * only it required: unsat) and minimal (dropping any one member lets some configuration of the other
 * policies and rules break it: sat), on the bundled examples and a generated cluster, in both worlds.
 */
class ProofBasisTest {
  record Case(Cluster cluster, List<Invariant> invariants) {
  }

  static Case example(String name) throws Exception {
    Path dir = Path.of("../specs/examples", name);
    Cluster c = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
    List<Invariant> invs = new ArrayList<>();
    new SpecReader().read(List.of(dir.resolve("invariants.yaml"))).forEach(s -> invs.addAll(s.invariants()));
    return new Case(c, invs);
  }

  /** Checks every proven deny/allow invariant; returns how many bases were checked. */
  static int checkBases(Case k, World world) {
    int checked = 0;
    try (SolverSession s = new SolverSession(k.cluster(), k.invariants(), SessionOptions.DEFAULT)) {
      for (Invariant inv : k.invariants()) {
        if (inv.expect() == Expect.ALLOW_SOME) {
          continue;
        }
        boolean proven = s.search(inv, world, inv.expect() != Expect.ALLOW).outcome() == SolverAnswer.Outcome.NONE;
        Optional<List<String>> basis = s.proofBasis(inv, world);
        assertEquals(proven, basis.isPresent(), inv.name() + ": a basis exists exactly for proven invariants");
        if (basis.isEmpty()) {
          continue;
        }
        Set<String> members = new HashSet<>(basis.get());
        assertEquals(SolverAnswer.Outcome.NONE, s.holdsWithOnly(inv, world, members), inv.name() + " " + members);
        for (String m : basis.get()) {
          Set<String> without = new HashSet<>(members);
          without.remove(m);
          assertEquals(SolverAnswer.Outcome.FOUND, s.holdsWithOnly(inv, world, without),
              inv.name() + ": basis " + members + " is not minimal, " + m + " is not needed");
        }
        checked++;
      }
    }
    return checked;
  }

  @Test
  void seed_basesAreSufficientAndMinimal_inBothWorlds() throws Exception {
    Case seed = example("seed");
    assertTrue(checkBases(seed, World.OPEN) >= 4);
    assertTrue(checkBases(seed, World.CLOSED) >= 5);
  }

  @Test
  void seed_frontendReachesBackend_restsOnTheAllowPolicyAndItsRule() throws Exception {
    Case seed = example("seed");
    Invariant inv = seed.invariants().stream().filter(i -> i.name().equals("frontend-reaches-backend")).findFirst()
        .orElseThrow();
    try (SolverSession s = new SolverSession(seed.cluster(), seed.invariants(), SessionOptions.DEFAULT)) {
      assertEquals(Optional.of(List.of("myapp/allow-frontend", "myapp/allow-frontend ingress rule 0")),
          s.proofBasis(inv, World.OPEN));
    }
  }

  @Test
  void shop_basesAreSufficientAndMinimal_inBothWorlds() throws Exception {
    Case shop = example("shop");
    assertTrue(checkBases(shop, World.OPEN) >= 4);
    assertTrue(checkBases(shop, World.CLOSED) >= 5);
  }

  @Test
  void generatedCluster_basesAreSufficientAndMinimal(@TempDir Path dir) throws Exception {
    GeneratedCluster g = new ClusterGenerator().generate(new GeneratorConfig(4, 3, 4, 7));
    Path root = g.writeTo(dir);
    Cluster c = new ClusterLoader().load(List.of(g.manifestsDir(root).toString()), LoadOptions.defaults()).cluster();
    List<Invariant> invs = new ArrayList<>();
    new SpecReader().read(List.of(g.invariantsFile(root))).forEach(s -> invs.addAll(s.invariants()));
    Case k = new Case(c, invs);
    assertTrue(checkBases(k, World.OPEN) + checkBases(k, World.CLOSED) >= 2, "some proofs to check");
  }
}
