package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.generate.GeneratorConfig;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.World;
import dev.npv.testutil.GeneratedInput;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-invariant cost split (for benchmarks) adds up and comes from one session per batch. */
class CheckCostTest {
  @ParameterizedTest
  @EnumSource(World.class)
  void costSplitsTheMainQueryWithinTheInvariantsDuration(World world, @TempDir Path dir) throws Exception {
    GeneratedInput in = GeneratedInput.write(new GeneratorConfig(3, 8, 14, 7), dir);
    VerificationReport report = new Verifier(in.cluster(),
        new VerifyOptions(Optional.of(world), SessionOptions.DEFAULT)).verify(in.sets());

    assertFalse(report.results().isEmpty());
    for (int i = 0; i < report.results().size(); i++) {
      CheckResult r = report.results().get(i);
      // Each batch of invariants has its own session, which encodes the cluster once.
      long sessionEncode = report.results().get(i - i % BatchRunner.INVARIANTS_PER_SESSION).cost().sessionEncodeMillis();
      CheckResult.SolverCost c = r.cost();
      assertTrue(c.assertions() > 0, r.name() + ": the query has assertions");
      assertTrue(c.encodeMillis() >= 0 && c.solveMillis() >= 0, r.name());
      assertTrue(c.encodeMillis() + c.solveMillis() <= r.durationMillis(), r.name() + ": " + c + " within "
          + r.durationMillis() + " ms");
      assertEquals(sessionEncode, c.sessionEncodeMillis(), "one session per batch encoded the cluster once");
    }
  }
}
