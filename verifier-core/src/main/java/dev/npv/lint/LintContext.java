package dev.npv.lint;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import dev.npv.model.Workload;
import java.util.stream.Stream;

/**
 * What the concrete checks share: the cluster, the reference evaluator, and one pod per workload
 * that policy can select (hostNetwork pods are outside NetworkPolicy).
 */
record LintContext(Cluster cluster, EvaluatorOptions options, ReferenceEvaluator evaluator, ImmutableList<Pod> pods) {
  /** A workload and one of its pods. */
  record Pod(Workload workload, PodEndpoint endpoint) {
  }

  static LintContext of(Cluster cluster, EvaluatorOptions options) {
    ImmutableList<Pod> pods = cluster.workloads().stream().filter(w -> !w.hostNetwork())
        .map(w -> new Pod(w, Endpoints.of(cluster, w).get(0))).collect(ImmutableList.toImmutableList());
    return new LintContext(cluster, options, new ReferenceEvaluator(cluster, options), pods);
  }

  /** The pods a policy selects. */
  Stream<Pod> selectedBy(Policy p) {
    return pods.stream().filter(x -> x.workload().namespace().equals(p.namespace())
        && p.podSelector().matches(x.workload().labels()));
  }

  /** The rules that take effect: those of the directions the policy isolates. */
  static Stream<Rule> effectiveRules(Policy p) {
    return Stream.of(Direction.values()).filter(p::isolates).flatMap(d -> p.rules(d).stream());
  }

  static String ruleName(Policy p, Rule r) {
    return p.id() + " " + r.direction().lower() + " rule " + r.index();
  }
}
