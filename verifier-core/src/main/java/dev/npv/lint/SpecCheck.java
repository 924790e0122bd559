package dev.npv.lint;

import dev.npv.model.Cluster;
import dev.npv.smt.LintSession;
import dev.npv.smt.SolverAnswer.Outcome;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Invariants that prove nothing (their from or to is empty in the spec's world) and pairs that
 * cannot both hold whatever the policies: a {@code deny} and an {@code allow} whose scopes share a
 * connection, or a {@code deny} that contains the whole scope of an {@code allowSome}. Only invariants
 * expected to be PROVEN in the spec's world take part. The later invariant of a pair is reported,
 * pointing at the earlier one.
 */
final class SpecCheck {
  private SpecCheck() {
  }

  record Entry(Invariant invariant, World world) {
  }

  static void run(Cluster cluster, LintSession s, List<InvariantSet> sets, List<LintFinding> out) {
    List<Entry> live = new ArrayList<>();
    for (InvariantSet set : sets) {
      for (Invariant inv : set.invariants()) {
        if (unresolved(cluster, inv)) {
          continue; // npv check reports the unknown workload; nothing here can be decided
        }
        boolean empty = false;
        for (boolean asSource : new boolean[] {true, false}) {
          var side = asSource ? inv.from() : inv.to();
          if (side.any()) {
            continue;
          }
          Outcome o = s.inhabited(side, set.world(), asSource);
          if (o == Outcome.NONE) {
            empty = true;
            out.add(LintFinding.of(LintCode.VACUOUS_INVARIANT, inv.location(),
                "invariant '" + inv.name() + "' is vacuous: its '" + (asSource ? "from" : "to")
                    + "' matches no endpoint in the " + set.world().name().toLowerCase(Locale.ROOT) + " world"));
          } else if (o == Outcome.UNKNOWN) {
            out.add(RedundancyCheck.undecided(inv.location(), "whether invariant '" + inv.name() + "' is vacuous"));
          }
        }
        // Only invariants meant to hold can contradict: one recorded as VIOLATED is known to fail.
        if (!empty && inv.expectedIn(set.world()).orElse(Verdict.PROVEN) == Verdict.PROVEN) {
          live.add(new Entry(inv, set.world()));
        }
      }
    }
    for (int j = 0; j < live.size(); j++) {
      for (int i = 0; i < j; i++) {
        contradiction(s, live.get(i), live.get(j), out);
      }
    }
  }

  private static void contradiction(LintSession s, Entry earlier, Entry later, List<LintFinding> out) {
    if (earlier.world() != later.world()) {
      return;
    }
    Invariant a = earlier.invariant();
    Invariant b = later.invariant();
    Invariant deny = a.expect() == Expect.DENY ? a : b.expect() == Expect.DENY ? b : null;
    Invariant other = deny == a ? b : a;
    if (deny == null || other.expect() == Expect.DENY) {
      return;
    }
    World w = later.world();
    Outcome o = other.expect() == Expect.ALLOW ? s.scopesOverlap(deny, other, w)
        // allowSome needs one allowed connection in its scope; deny forbids all of them if it covers the scope.
        : s.scopeOutside(other, deny, w);
    if (o == Outcome.UNKNOWN) {
      // Undecided is never "no contradiction": say so, and the CLI exits 4 rather than 0.
      out.add(RedundancyCheck.undecided(b.location(), "whether invariant '" + b.name() + "' contradicts '"
          + a.name() + "'"));
      return;
    }
    boolean contradicts = other.expect() == Expect.ALLOW ? o == Outcome.FOUND : o == Outcome.NONE;
    if (contradicts) {
      String why = other.expect() == Expect.ALLOW
          ? "some connection is in the scope of both, and it cannot be both allowed and denied"
          : "every connection of '" + other.name() + "' (allowSome) is one that '" + deny.name() + "' denies";
      out.add(LintFinding.of(LintCode.CONTRADICTORY_INVARIANTS, b.location(),
          "invariant '" + b.name() + "' (" + b.expect().specName() + ") contradicts '" + a.name() + "' ("
              + a.expect().specName() + "): " + why,
          List.of(new LintFinding.Related(a.location(), "invariant '" + a.name() + "'"))));
    }
  }

  private static boolean unresolved(Cluster cluster, Invariant inv) {
    List<EndpointSelector> all = new ArrayList<>(inv.from().selectors());
    all.addAll(inv.to().selectors());
    return all.stream().anyMatch(x -> x.workload().filter(w -> cluster.workload(w.namespace(), w.name()).isEmpty())
        .isPresent());
  }
}
