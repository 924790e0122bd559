package dev.npv.verify;

import dev.npv.eval.Endpoint;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Protocol;
import dev.npv.smt.Witness;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import java.util.Optional;

/**
 * The concrete meaning of an invariant's endpoint sets and ports: the oracle the symbolic membership
 * formulas are re-checked against (public for the benchmarks' enumeration baseline).
 */
public final class SpecMatcher {
  private SpecMatcher() {
  }

  static boolean covers(Invariant inv, Witness w) {
    return member(inv.from(), w.connection().src(), w.source())
        && member(inv.to(), w.connection().dst(), w.destination())
        && ports(inv, w.connection().dst(), w.connection().protocol(), w.connection().port());
  }

  /** Whether {@code e} (a known workload's pod or an external address, per {@code p}) is in {@code set}. */
  public static boolean member(EndpointSet set, Endpoint e, Witness.EndProvenance p) {
    return set.any() || set.selectors().stream().anyMatch(s -> member(s, e, p));
  }

  static boolean member(EndpointSelector s, Endpoint e, Witness.EndProvenance p) {
    if (s.isExternal()) {
      return e instanceof Endpoint.External x && s.ipBlock().map(b -> b.contains(x.ip())).orElse(true)
          && s.nodeSelector().map(sel -> x.node().filter(n -> sel.matches(n.labels())).isPresent()).orElse(true);
    }
    if (!(e instanceof Endpoint.PodEndpoint pod)) {
      return false;
    }
    return s.namespace().map(n -> n.equals(pod.namespace())).orElse(true)
        && s.namespaceSelector().map(sel -> sel.matches(pod.namespaceLabels())).orElse(true)
        && s.podSelector().map(sel -> sel.matches(pod.labels())).orElse(true)
        && s.workload().map(w -> p.workload().equals(Optional.of(w.toString()))).orElse(true);
  }

  /** Whether the invariant's ports include {@code protocol}/{@code port} towards {@code dst}. */
  public static boolean ports(Invariant inv, Endpoint dst, Protocol protocol, int port) {
    return ReferenceEvaluator.portEntries(inv.ports(), dst, protocol).contains(port);
  }
}
