package dev.npv.lint;

import dev.npv.model.Cluster;
import dev.npv.smt.LintSession;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code npv lint}: runs every check over the manifests (and the specs, if any) and collects the
 * findings. The concrete checks read the IR through the reference evaluator; the semantic ones
 * (redundancy, spec contradictions) ask the solver.
 */
public final class Linter {
  private final Cluster cluster;
  private final SessionOptions options;

  public Linter(Cluster cluster, SessionOptions options) {
    this.cluster = cluster;
    this.options = options;
  }

  public LintReport lint(List<InvariantSet> specs) {
    LintContext c = LintContext.of(cluster, options.semantics());
    List<LintFinding> out = new ArrayList<>();
    SelectorUsageCheck.run(c, out);
    NamedPortCheck.run(c, out);
    ExceptCheck.run(c, out);
    CoverageCheck.run(c, out);
    DnsCheck.run(c, out);
    List<Invariant> invariants = specs.stream().flatMap(s -> s.invariants().stream()).toList();
    try (LintSession s = new LintSession(cluster, invariants, options)) {
      RedundancyCheck.run(c, s, out);
      SpecCheck.run(cluster, s, specs, out);
    }
    return LintReport.of(out);
  }
}
