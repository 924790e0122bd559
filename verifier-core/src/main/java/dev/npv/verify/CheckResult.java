package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import dev.npv.spec.Expect;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.List;
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

  public boolean passed() {
    return expectedVerdict.map(v -> v == verdict).orElse(verdict == Verdict.PROVEN);
  }

  /** A result of {@code name} (from spec {@code specName}); everything else starts empty or zero. */
  public static Builder builder(String specName, String name, Expect expect, World world, SourceLocation location) {
    return new Builder(specName, name, expect, world, location);
  }

  /** A builder holding this result's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(specName, name, expect, world, location).verdict(verdict).expectedVerdict(expectedVerdict)
        .durationMillis(durationMillis).counterexample(counterexample).reason(reason).warnings(warnings).rlimit(rlimit)
        .proofBasis(proofBasis).cost(cost);
  }

  /** Builds a {@link CheckResult}: the verdict is UNKNOWN until set. */
  public static final class Builder {
    private final String specName;
    private final String name;
    private final Expect expect;
    private final World world;
    private final SourceLocation location;
    private Verdict verdict = Verdict.UNKNOWN;
    private Optional<Verdict> expectedVerdict = Optional.empty();
    private long durationMillis;
    private Optional<Counterexample> counterexample = Optional.empty();
    private String reason = "";
    private ImmutableList<String> warnings = ImmutableList.of();
    private long rlimit;
    private Optional<ImmutableList<String>> proofBasis = Optional.empty();
    private SolverCost cost = SolverCost.NONE;

    private Builder(String specName, String name, Expect expect, World world, SourceLocation location) {
      this.specName = specName;
      this.name = name;
      this.expect = expect;
      this.world = world;
      this.location = location;
    }

    public Builder verdict(Verdict v) {
      this.verdict = v;
      return this;
    }

    public Builder expectedVerdict(Optional<Verdict> v) {
      this.expectedVerdict = v;
      return this;
    }

    public Builder durationMillis(long millis) {
      this.durationMillis = millis;
      return this;
    }

    public Builder counterexample(Optional<Counterexample> c) {
      this.counterexample = c;
      return this;
    }

    public Builder reason(String r) {
      this.reason = r;
      return this;
    }

    public Builder warnings(List<String> w) {
      this.warnings = ImmutableList.copyOf(w);
      return this;
    }

    public Builder rlimit(long r) {
      this.rlimit = r;
      return this;
    }

    /** The policies and rules the proof rests on (check --explain). */
    public Builder proofBasis(Optional<? extends List<String>> basis) {
      this.proofBasis = basis.map(ImmutableList::copyOf);
      return this;
    }

    public Builder cost(SolverCost c) {
      this.cost = c;
      return this;
    }

    public CheckResult build() {
      return new CheckResult(specName, name, expect, world, verdict, expectedVerdict, durationMillis, counterexample,
          reason, warnings, rlimit, location, proofBasis, cost);
    }
  }
}
