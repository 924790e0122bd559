package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.AdminRuleRef;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.SideDecision;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.smt.Witness;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a confirmed witness and the reference evaluator's decision on it into the report's plain
 * {@link Counterexample}: the two ends as the user knows them, and the rules that decided each side.
 */
final class Counterexamples {
  private final Cluster cluster;

  Counterexamples(Cluster cluster) {
    this.cluster = cluster;
  }

  Counterexample of(Witness w, ConnectionDecision d) {
    return new Counterexample(view(w.connection().src(), w.source()), view(w.connection().dst(), w.destination()),
        w.connection().protocol(), w.connection().port(), d.allowed(), explain(d), decidingRules(d));
  }

  /** Allowed: the rules that admit it on each side; denied: the policies isolating the dropping side(s). */
  ImmutableList<DecidingRule> decidingRules(ConnectionDecision d) {
    ImmutableList.Builder<DecidingRule> out = ImmutableList.builder();
    for (SideDecision s : List.of(d.egress(), d.ingress())) {
      // An admin tier decided the side (ANP Allow/Deny, or BANP for a pod no NetworkPolicy isolates).
      Optional<AdminRuleRef> admin = s.adminVerdict().or(() -> s.isolated() ? Optional.empty() : s.baseline());
      if (s.governed() && admin.isPresent()) {
        AdminRuleRef a = admin.get();
        if (d.allowed() || !s.allowed()) {
          out.add(new DecidingRule(s.allowed() ? DecidingRule.Role.ALLOWS : DecidingRule.Role.DENIES,
              a.policyDisplay(), a.direction(), OptionalInt.of(a.index()), a.location()));
        }
        continue;
      }
      if (d.allowed()) {
        s.allowedBy().stream().sorted().forEach(r -> out.add(new DecidingRule(DecidingRule.Role.ALLOWS,
            r.policy().toString(), r.direction(), OptionalInt.of(r.index()), r.location())));
      } else if (!s.allowed()) {
        s.isolating().stream().sorted().forEach(p -> out.add(new DecidingRule(DecidingRule.Role.ISOLATES,
            p.toString(), s.direction(), OptionalInt.empty(), policyLocation(p))));
      }
    }
    return out.build();
  }

  private SourceLocation policyLocation(PolicyId id) {
    return cluster.policies().stream().filter(p -> p.id().equals(id)).findFirst()
        .map(Policy::location).orElse(SourceLocation.UNKNOWN);
  }

  static ImmutableList<String> explain(ConnectionDecision d) {
    return ImmutableList.of(side("egress of source", d.egress()), side("ingress of destination", d.ingress()));
  }

  private static String side(String what, SideDecision s) {
    return what + ": " + (s.allowed() ? "allows" : "denies") + " (" + s.reason() + ")";
  }

  static EndpointView view(Endpoint e, Witness.EndProvenance p) {
    if (e instanceof Endpoint.External x && x.node().isPresent()) {
      return new EndpointView(EndpointView.Kind.NODE, Optional.empty(), Optional.empty(), ImmutableSortedMap.of(),
          x.node().get().labels(), Optional.of(x.ip().toString()), false, Optional.of(x.node().get().name()),
          p.newNode());
    }
    if (e instanceof Endpoint.External x) {
      return new EndpointView(EndpointView.Kind.EXTERNAL, Optional.empty(), Optional.empty(),
          ImmutableSortedMap.of(), ImmutableSortedMap.of(), Optional.of(x.ip().toString()), false);
    }
    Endpoint.PodEndpoint pod = (Endpoint.PodEndpoint) e;
    ImmutableSortedMap<String, String> nsLabels = ImmutableSortedMap.copyOf(
        pod.namespaceLabels().entrySet().stream().filter(x -> !x.getKey().equals(Namespace.NAME_LABEL)).toList());
    return new EndpointView(p.hypothetical() ? EndpointView.Kind.HYPOTHETICAL_POD : EndpointView.Kind.WORKLOAD,
        p.workload(), Optional.of(pod.namespace()), nsLabels, pod.labels(),
        pod.ip().map(Object::toString), p.newNamespace());
  }
}
