package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-invariant cost split (for benchmarks) adds up and comes from one session. */
class CheckCostTest {
  @ParameterizedTest
  @EnumSource(World.class)
  void costSplitsTheMainQueryWithinTheInvariantsDuration(World world, @TempDir Path dir) throws Exception {
    GeneratedCluster g = new ClusterGenerator().generate(new GeneratorConfig(3, 8, 14, 7));
    g.writeTo(dir);
    Cluster cluster = new ClusterLoader().load(List.of(g.manifestsDir(dir).toString()), LoadOptions.defaults())
        .cluster();
    VerificationReport report = new Verifier(cluster,
        new VerifyOptions(Optional.of(world), dev.npv.smt.SessionOptions.DEFAULT))
        .verify(new SpecReader().read(List.of(g.invariantsFile(dir))));

    assertFalse(report.results().isEmpty());
    for (int i = 0; i < report.results().size(); i++) {
      CheckResult r = report.results().get(i);
      // Each batch of invariants has its own session, which encodes the cluster once.
      long sessionEncode = report.results().get(i - i % Verifier.INVARIANTS_PER_SESSION).cost().sessionEncodeMillis();
      CheckResult.SolverCost c = r.cost();
      assertTrue(c.assertions() > 0, r.name() + ": the query has assertions");
      assertTrue(c.encodeMillis() >= 0 && c.solveMillis() >= 0, r.name());
      assertTrue(c.encodeMillis() + c.solveMillis() <= r.durationMillis(), r.name() + ": " + c + " within "
          + r.durationMillis() + " ms");
      assertEquals(sessionEncode, c.sessionEncodeMillis(), "one session per batch encoded the cluster once");
    }
  }
}
