package dev.npv.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.generate.GeneratorConfig;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.World;
import dev.npv.testutil.GeneratedInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checking with several workers (one solver context per batch) gives the same results, in the same
 * order, as one worker: verdicts, reasons, warnings, whether there is a counterexample. (Which
 * counterexample Z3 picks, and the work it takes, can follow its internal state; every one is
 * re-checked by the reference evaluator before it is reported.)
 */
class ParallelCheckTest {
  @ParameterizedTest
  @EnumSource(World.class)
  void sameResultsWithOneOrThreeWorkers(World world, @TempDir Path dir) throws Exception {
    GeneratedInput in = GeneratedInput.write(new GeneratorConfig(6, 8, 16, 42), dir);
    Cluster cluster = in.cluster();
    ImmutableList<InvariantSet> sets = in.sets();
    VerifyOptions options = new VerifyOptions(Optional.of(world), SessionOptions.DEFAULT);

    VerificationReport one = new Verifier(cluster, options).verify(sets);
    VerificationReport three = new Verifier(cluster, options.withJobs(3)).verify(sets);

    int invariants = sets.stream().mapToInt(s -> s.invariants().size()).sum();
    assertTrue(invariants > 2 * BatchRunner.INVARIANTS_PER_SESSION, "enough invariants for three batches");
    assertEquals(invariants, three.results().size());
    assertTrue(one.results().stream().anyMatch(r -> r.counterexample().isPresent()), "some violations to compare");
    assertEquals(withoutTimes(one), withoutTimes(three));
  }

  private static List<String> withoutTimes(VerificationReport r) {
    return r.results().stream().map(x -> String.join(" | ", x.specName(), x.name(), x.verdict().toString(),
        x.reason(), x.warnings().toString(), String.valueOf(x.counterexample().isPresent()),
        String.valueOf(x.passed()))).toList();
  }
}
