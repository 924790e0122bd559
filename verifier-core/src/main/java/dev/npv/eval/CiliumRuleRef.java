package dev.npv.eval;

import dev.npv.model.CiliumPeerRule;
import dev.npv.model.CiliumPolicy;
import dev.npv.model.CiliumRule;

/**
 * A Cilium rule (and, when it matched a connection, the allow or deny entry) with how surely it
 * applies: {@code [CNP cilium] ns/name spec ingressDeny rule 0}. {@code entry} is null for a rule that
 * only selects the endpoint.
 */
public record CiliumRuleRef(CiliumPolicy policy, CiliumRule rule, CiliumPeerRule entry, Truth truth) {
  @Override
  public String toString() {
    String what = policy + " " + rule.where() + (entry == null ? "" : " " + entry);
    return truth == Truth.MAYBE ? what + " (" + (entry != null && entry.restriction().isPresent() && !entry.deny()
        ? "for some requests only: " + entry.restriction().get() : "match unknown to npv") + ")" : what;
  }
}
