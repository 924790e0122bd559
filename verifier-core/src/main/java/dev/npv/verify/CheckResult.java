package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.spec.Expect;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.Optional;

/**
 * The outcome for one invariant. {@code passed} compares the verdict with {@code expectedVerdict}
 * when one is recorded, else requires PROVEN.
 */
public record CheckResult(String specName, String name, Expect expect, World world, Verdict verdict,
                          Optional<Verdict> expectedVerdict, long durationMillis,
                          Optional<Counterexample> counterexample, String reason,
                          ImmutableList<String> warnings, long rlimit, SourceLocation location,
                          Optional<ImmutableList<String>> proofBasis) {

  public CheckResult(String specName, String name, Expect expect, World world, Verdict verdict,
                     Optional<Verdict> expectedVerdict, long durationMillis, Optional<Counterexample> counterexample,
                     String reason, ImmutableList<String> warnings, long rlimit, SourceLocation location) {
    this(specName, name, expect, world, verdict, expectedVerdict, durationMillis, counterexample, reason, warnings,
        rlimit, location, Optional.empty());
  }

  /** The same result with the policies and rules its proof rests on (check --explain). */
  public CheckResult withProofBasis(java.util.List<String> basis) {
    return new CheckResult(specName, name, expect, world, verdict, expectedVerdict, durationMillis, counterexample,
        reason, warnings, rlimit, location, Optional.of(ImmutableList.copyOf(basis)));
  }

  public boolean passed() {
    return expectedVerdict.map(v -> v == verdict).orElse(verdict == Verdict.PROVEN);
  }

  public CheckResult withDuration(long millis) {
    return new CheckResult(specName, name, expect, world, verdict, expectedVerdict, millis, counterexample,
        reason, warnings, rlimit, location, proofBasis);
  }
}
