package dev.npv.verify;

import dev.npv.smt.SessionOptions;
import dev.npv.spec.World;
import java.util.Optional;

/**
 * Options of a verification run: a world that overrides the spec files', solver settings, and whether
 * to name the policies and rules each proof rests on (a minimal unsat core; costs extra queries).
 */
public record VerifyOptions(Optional<World> worldOverride, SessionOptions session, boolean explainProofs) {
  public static final VerifyOptions DEFAULT = new VerifyOptions(Optional.empty(), SessionOptions.DEFAULT, false);

  public VerifyOptions(Optional<World> worldOverride, SessionOptions session) {
    this(worldOverride, session, false);
  }
}
