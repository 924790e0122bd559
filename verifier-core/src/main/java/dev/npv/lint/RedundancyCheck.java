package dev.npv.lint;

import dev.npv.diag.SourceLocation;
import dev.npv.model.Direction;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.Rule;
import dev.npv.smt.LintSession;
import dev.npv.smt.SolverAnswer.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Redundant policies and rules, decided by the solver over every pod that could exist in the
 * policy's namespace. A policy is redundant when, for each direction it isolates, other policies
 * isolate every pod it selects and admit everything it admits; a rule, when other rules of policies
 * selecting the same pods admit everything it admits. Greedy in file order: what is reported
 * redundant no longer counts as cover for later ones, so removing every reported item together
 * changes nothing (two identical rules: only the second is reported).
 */
final class RedundancyCheck {
  private RedundancyCheck() {
  }

  /** What the check found redundant: whole policies, and rules by {@link LintContext#ruleName}. */
  record Removed(Set<PolicyId> policies, Set<String> rules) {
  }

  static Removed run(LintContext c, LintSession s, List<LintFinding> out) {
    Set<PolicyId> removed = new HashSet<>();
    for (Policy p : c.cluster().policies()) {
      Outcome o = policyRedundant(p, s, removed);
      if (o == Outcome.UNKNOWN) {
        out.add(undecided(p.location(), "whether policy " + p.id() + " is redundant"));
      } else if (o == Outcome.NONE) {
        removed.add(p.id());
        List<Policy> covering = c.cluster().policies().stream()
            .filter(q -> !removed.contains(q.id()) && q.namespace().equals(p.namespace()))
            .filter(q -> covers(p, q, s))
            .toList();
        out.add(LintFinding.of(LintCode.REDUNDANT_POLICY, p.location(),
            "policy " + p.id() + " is redundant: every pod it selects is already isolated for "
                + String.join(" and ", p.types().stream().map(Direction::lower).toList())
                + " by other policies that admit everything it admits (covered by "
                + String.join(", ", covering.stream().map(q -> q.id().toString()).toList()) + ")",
            covering.stream().map(q -> new LintFinding.Related(q.location(), "policy " + q.id()
                + " covers the same pods")).toList()));
      }
    }
    Set<String> removedRules = new HashSet<>();
    for (Policy p : c.cluster().policies()) {
      if (removed.contains(p.id())) {
        continue;
      }
      LintContext.effectiveRules(p).forEach(r -> rule(p, r, s, removed, removedRules, out));
    }
    return new Removed(removed, removedRules);
  }

  private static void rule(Policy p, Rule r, LintSession s, Set<PolicyId> removed, Set<String> removedRules,
                           List<LintFinding> out) {
    String name = LintContext.ruleName(p, r);
    Outcome any = s.admitsAnything(p, r);
    if (any == Outcome.NONE) {
      removedRules.add(name);
      out.add(LintFinding.of(LintCode.REDUNDANT_RULE, r.location(),
          "rule " + name + " is redundant: it admits no connection at all"));
      return;
    }
    Outcome o = any == Outcome.UNKNOWN ? any : s.uncoveredByOtherRules(p, r,
        (q, x) -> !removed.contains(q.id()) && !removedRules.contains(LintContext.ruleName(q, x)));
    if (o == Outcome.UNKNOWN) {
      out.add(undecided(r.location(), "whether rule " + name + " is redundant"));
      return;
    }
    if (o == Outcome.NONE) {
      removedRules.add(name);
      List<Rule> coverRules = new ArrayList<>();
      List<String> coverNames = new ArrayList<>();
      for (Policy q : sameNamespace(p, s, removed)) {
        if (!q.isolates(r.direction())) {
          continue;
        }
        for (Rule x : q.rules(r.direction())) {
          String other = LintContext.ruleName(q, x);
          if (!other.equals(name) && !removedRules.contains(other) && s.overlap(p, r, q, x) == Outcome.FOUND) {
            coverRules.add(x);
            coverNames.add(other);
          }
        }
      }
      List<LintFinding.Related> cover = new ArrayList<>();
      for (int i = 0; i < coverRules.size(); i++) {
        cover.add(new LintFinding.Related(coverRules.get(i).location(), coverNames.get(i) + " admits connections it admits"));
      }
      out.add(LintFinding.of(LintCode.REDUNDANT_RULE, r.location(),
          "rule " + name + " is redundant: everything it admits is already admitted by "
              + String.join(", ", coverNames),
          cover));
    }
  }

  private static List<Policy> sameNamespace(Policy p, LintSession s, Set<PolicyId> removed) {
    return s.policies().stream().filter(q -> q.namespace().equals(p.namespace()) && !removed.contains(q.id())).toList();
  }

  /**
   * Whether {@code q} takes part in covering {@code p}: a rule of {@code q} admits some of what a rule
   * of {@code p} admits, or (for a policy that only isolates) {@code q} isolates some pod {@code p}
   * selects in one of its directions.
   */
  private static boolean covers(Policy p, Policy q, LintSession s) {
    boolean anyRule = false;
    for (Direction d : p.types()) {
      if (!q.isolates(d)) {
        continue;
      }
      for (Rule r : p.rules(d)) {
        anyRule = true;
        for (Rule x : q.rules(d)) {
          if (s.overlap(p, r, q, x) == Outcome.FOUND) {
            return true;
          }
        }
      }
    }
    return !anyRule && p.types().stream().anyMatch(q::isolates) && s.selectCommonPod(p, q) == Outcome.FOUND;
  }

  /** NONE when the policy changes nothing in any direction it isolates. */
  private static Outcome policyRedundant(Policy p, LintSession s, Set<PolicyId> removed) {
    boolean unknown = false;
    for (Direction d : p.types()) {
      for (Outcome o : List.of(s.isolatedOnlyBy(p, d, q -> !removed.contains(q.id())),
          p.rules(d).isEmpty() ? Outcome.NONE : s.uncoveredByOtherPolicies(p, d, q -> !removed.contains(q.id())))) {
        if (o == Outcome.FOUND) {
          return Outcome.FOUND;
        }
        unknown |= o == Outcome.UNKNOWN;
      }
    }
    return unknown ? Outcome.UNKNOWN : Outcome.NONE;
  }

  static LintFinding undecided(SourceLocation at, String question) {
    return LintFinding.of(LintCode.UNDECIDED, at,
        "the solver could not decide " + question + " (timeout or resource limit)");
  }
}
