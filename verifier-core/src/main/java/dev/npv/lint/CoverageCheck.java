package dev.npv.lint;

import dev.npv.diag.SourceLocation;
import dev.npv.model.Direction;
import dev.npv.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per namespace with workloads and per direction: the workloads that no policy isolates (there is no
 * default-deny covering them), with their count.
 */
final class CoverageCheck {
  private CoverageCheck() {
  }

  static void run(LintContext c, List<LintFinding> out) {
    Map<String, List<LintContext.Pod>> byNamespace = new TreeMap<>();
    c.pods().forEach(p -> byNamespace.computeIfAbsent(p.workload().namespace(), k -> new ArrayList<>()).add(p));
    byNamespace.forEach((ns, pods) -> {
      for (Direction d : Direction.values()) {
        List<String> open = pods.stream()
            .filter(p -> c.evaluator().isolatingPolicies(p.endpoint(), d).isEmpty())
            .map(p -> p.workload().id()).toList();
        if (!open.isEmpty()) {
          SourceLocation at = c.cluster().namespace(ns).filter(Namespace::declared).map(Namespace::location)
              .filter(SourceLocation::isNamed).orElse(pods.get(0).workload().location());
          out.add(LintFinding.of(LintCode.NO_DEFAULT_DENY, at,
              "namespace " + ns + ": " + open.size() + " of " + pods.size() + " workloads not isolated for "
                  + d.lower() + " (no default-deny " + d.lower() + " policy covers them): "
                  + String.join(", ", open)));
        }
      }
    });
  }
}
