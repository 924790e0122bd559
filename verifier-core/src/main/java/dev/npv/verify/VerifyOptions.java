package dev.npv.verify;

import dev.npv.smt.SessionOptions;
import dev.npv.spec.World;
import java.util.Optional;

/** Options of a verification run: a world that overrides the spec files', and solver settings. */
public record VerifyOptions(Optional<World> worldOverride, SessionOptions session) {
  public static final VerifyOptions DEFAULT = new VerifyOptions(Optional.empty(), SessionOptions.DEFAULT);
}
