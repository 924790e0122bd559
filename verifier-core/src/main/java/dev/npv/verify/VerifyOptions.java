package dev.npv.verify;

import dev.npv.smt.SessionOptions;
import dev.npv.spec.World;
import java.util.Optional;

/**
 * Options of a verification run: a world that overrides the spec files', solver settings, whether to
 * name the policies and rules each proof rests on (a minimal unsat core; costs extra queries), and how
 * many invariants to check at once ({@code jobs}; each at once needs its own solver context and memory).
 */
public record VerifyOptions(Optional<World> worldOverride, SessionOptions session, boolean explainProofs,
                            int jobs) {
  public static final VerifyOptions DEFAULT = new VerifyOptions(Optional.empty(), SessionOptions.DEFAULT, false);

  public VerifyOptions {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
    }
  }

  public VerifyOptions(Optional<World> worldOverride, SessionOptions session, boolean explainProofs) {
    this(worldOverride, session, explainProofs, 1);
  }

  public VerifyOptions(Optional<World> worldOverride, SessionOptions session) {
    this(worldOverride, session, false);
  }

  public VerifyOptions withJobs(int n) {
    return new VerifyOptions(worldOverride, session, explainProofs, n);
  }
}
