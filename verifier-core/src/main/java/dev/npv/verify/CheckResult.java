package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.spec.Expect;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.Optional;

/**
 * The outcome for one invariant. {@code passed} compares the verdict with {@code expectedVerdict}
 * when one is recorded, else requires PROVEN. {@code cost} splits {@code durationMillis} for
 * benchmarks (never part of a report).
 */
public record CheckResult(String specName, String name, Expect expect, World world, Verdict verdict,
                          Optional<Verdict> expectedVerdict, long durationMillis,
                          Optional<Counterexample> counterexample, String reason,
                          ImmutableList<String> warnings, long rlimit, SourceLocation location,
                          Optional<ImmutableList<String>> proofBasis, SolverCost cost) {

  /**
   * Where the main query's time went: {@code sessionEncodeMillis} to encode the cluster into the
   * checking session (once per session, shared by all its invariants), {@code encodeMillis} to build
   * this query's formulas (including the world's base facts on a session's first query of that world),
   * {@code solveMillis} in Z3 (check, model and witness minimisation), and the number of assertions on
   * the solver during the check. The rest of {@code durationMillis} is vacuity checks and re-checking
   * the witness.
   */
  public record SolverCost(long sessionEncodeMillis, long encodeMillis, long solveMillis, int assertions) {
    public static final SolverCost NONE = new SolverCost(0, 0, 0, 0);
  }

  public CheckResult(String specName, String name, Expect expect, World world, Verdict verdict,
                     Optional<Verdict> expectedVerdict, long durationMillis, Optional<Counterexample> counterexample,
                     String reason, ImmutableList<String> warnings, long rlimit, SourceLocation location) {
    this(specName, name, expect, world, verdict, expectedVerdict, durationMillis, counterexample, reason, warnings,
        rlimit, location, Optional.empty(), SolverCost.NONE);
  }

  /** The same result with the policies and rules its proof rests on (check --explain). */
  public CheckResult withProofBasis(java.util.List<String> basis) {
    return new CheckResult(specName, name, expect, world, verdict, expectedVerdict, durationMillis, counterexample,
        reason, warnings, rlimit, location, Optional.of(ImmutableList.copyOf(basis)), cost);
  }

  public boolean passed() {
    return expectedVerdict.map(v -> v == verdict).orElse(verdict == Verdict.PROVEN);
  }

  public CheckResult withDuration(long millis) {
    return new CheckResult(specName, name, expect, world, verdict, expectedVerdict, millis, counterexample,
        reason, warnings, rlimit, location, proofBasis, cost);
  }

  public CheckResult withCost(SolverCost c) {
    return new CheckResult(specName, name, expect, world, verdict, expectedVerdict, durationMillis, counterexample,
        reason, warnings, rlimit, location, proofBasis, c);
  }
}
