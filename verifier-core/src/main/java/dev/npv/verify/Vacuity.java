package dev.npv.verify;

import dev.npv.smt.SolverAnswer;
import dev.npv.smt.SolverSession;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Whether an invariant's from or to is empty in a world: such an invariant proves nothing. */
final class Vacuity {
  private Vacuity() {
  }

  /** The warnings to attach; empty when some pair of endpoints exists. */
  static List<String> warnings(SolverSession session, Invariant inv, World world) {
    List<String> warnings = new ArrayList<>();
    String name = world.name().toLowerCase(Locale.ROOT);
    // One query answers the common case: some pair exists, so neither set is empty.
    if (session.pairsInhabited(inv, world).outcome() != SolverAnswer.Outcome.NONE) {
      return warnings;
    }
    if (!inv.from().any() && session.inhabited(inv.from(), world, true).outcome() == SolverAnswer.Outcome.NONE) {
      warnings.add("'from' matches no endpoint in the " + name + " world");
    }
    if (!inv.to().any() && session.inhabited(inv.to(), world, false).outcome() == SolverAnswer.Outcome.NONE) {
      warnings.add("'to' matches no endpoint in the " + name + " world");
    }
    // Both sides may be inhabited and still form no pair (two address sets, or one bare Pod twice).
    if (warnings.isEmpty()) {
      warnings.add("no pair of distinct endpoints in the " + name
          + " world lies in both 'from' and 'to' on these ports: the invariant holds vacuously");
    }
    return warnings;
  }
}
