package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.AddressRules;
import dev.npv.eval.AdminRuleRef;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.SideDecision;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.Workload;
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
  private final AddressRules rules;

  Counterexamples(Cluster cluster, AddressRules rules) {
    this.cluster = cluster;
    this.rules = rules;
  }

  Counterexample of(Witness w, ConnectionDecision d) {
    return of(w, d, assumedUnlessGiven(w.connection().src(), w.source()),
        assumedUnlessGiven(w.connection().dst(), w.destination()));
  }

  /** A pod whose workload lists no address (or a new pod) shows its address as assumed. */
  private Optional<Boolean> assumedUnlessGiven(Endpoint e, Witness.EndProvenance p) {
    boolean given = e.pod().isEmpty()
        || p.workload().flatMap(id -> group(id, e.pod().get())).map(wl -> !wl.podIps().isEmpty()).orElse(false);
    return given ? Optional.empty() : Optional.of(true);
  }

  /**
   * With what the witness's pod ends' addresses are when the manifests do not give them: for each end,
   * empty if given, else whether the verdict depends on it ({@code true}: shown as assumed, with the
   * rule; {@code false}: left out). Without that knowledge (the 2-argument form), an address the
   * manifests do not give is shown as assumed.
   */
  Counterexample of(Witness w, ConnectionDecision d, Optional<Boolean> sourceMatters,
                    Optional<Boolean> destinationMatters) {
    return new Counterexample(address(view(w.connection().src(), w.source()), sourceMatters),
        address(view(w.connection().dst(), w.destination()), destinationMatters),
        w.connection().protocol(), w.connection().port(), d.allowed(), explain(d), decidingRules(d));
  }

  private EndpointView address(EndpointView v, Optional<Boolean> matters) {
    if (v.kind() == EndpointView.Kind.EXTERNAL || v.kind() == EndpointView.Kind.NODE) {
      return v;
    }
    if (matters.isEmpty()) {
      return v; // given by the manifests
    }
    String rule = rules.unknownAddressRule();
    return matters.get() ? v.withAddress(EndpointView.Address.ASSUMED, v.ip(), rule)
        : v.withAddress(EndpointView.Address.UNKNOWN, Optional.empty(), rule);
  }

  /** The group of workload {@code id} the pod belongs to: a rollout's groups share a name, not labels. */
  private Optional<Workload> group(String id, Endpoint.PodEndpoint pod) {
    return cluster.workloads().stream().filter(w -> w.id().equals(id) && w.labels().equals(pod.labels())
        && w.namespace().equals(pod.namespace())).findFirst();
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
