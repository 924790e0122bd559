package dev.npv.lint;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Severity;
import java.util.Comparator;
import java.util.List;

/** Every finding of one lint run, sorted by file, line, column and code so output is deterministic. */
public record LintReport(ImmutableList<LintFinding> findings) {
  public static LintReport of(List<LintFinding> findings) {
    return new LintReport(findings.stream()
        .sorted(Comparator.comparing((LintFinding f) -> f.location().file())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(LintFinding::code)
            .thenComparing(LintFinding::message))
        .distinct()
        .collect(ImmutableList.toImmutableList()));
  }

  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  /** Whether the solver left some lint question undecided ({@link LintCode#UNDECIDED}). */
  public boolean anyUndecided() {
    return findings.stream().anyMatch(f -> f.code().equals(LintCode.UNDECIDED.id()));
  }

  /** Whether some finding is at least as severe as {@code threshold} (ERROR is the most severe). */
  public boolean hasAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().ordinal() <= threshold.ordinal());
  }
}
