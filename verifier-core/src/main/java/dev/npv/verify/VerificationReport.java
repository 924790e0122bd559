package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.spec.Verdict;

/** Every invariant's result, in spec order, and the diagnostics of the run. */
public record VerificationReport(ImmutableList<CheckResult> results, ImmutableList<Diagnostic> diagnostics) {
  public boolean allPassed() {
    return results.stream().allMatch(CheckResult::passed);
  }

  /**
   * The same report with every duration 0 and no solver cost: for reports that must not change between
   * runs (golden files).
   */
  public VerificationReport withoutTimings() {
    return new VerificationReport(ImmutableList.copyOf(results.stream()
        .map(r -> r.toBuilder().durationMillis(0).cost(CheckResult.SolverCost.NONE).build()).toList()), diagnostics);
  }

  /** A failing result whose verdict is VIOLATED (as opposed to only UNKNOWN ones). */
  public boolean anyViolatedFailure() {
    return results.stream().anyMatch(r -> !r.passed() && r.verdict() != Verdict.UNKNOWN);
  }
}
