package dev.npv.lint;

import dev.npv.model.Direction;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Rule;
import java.util.List;

/**
 * Named ports that no destination defines for the rule's protocol: for ingress the pods the policy
 * selects, for egress the pods the rule's peers match. Such an entry admits nothing.
 */
final class NamedPortCheck {
  private NamedPortCheck() {
  }

  static void run(LintContext c, List<LintFinding> out) {
    for (Policy p : c.cluster().policies()) {
      LintContext.effectiveRules(p).forEach(r -> {
        List<LintContext.Pod> destinations = destinations(c, p, r);
        if (destinations.isEmpty()) {
          return; // nothing to resolve against: the empty selection is its own finding
        }
        for (PolicyPort pp : r.ports()) {
          if (pp.spec() instanceof PortSpec.Named n
              && destinations.stream().noneMatch(d -> d.workload().namedPort(n.name(), pp.protocol()).isPresent())) {
            out.add(LintFinding.of(LintCode.NAMED_PORT_UNDEFINED, r.location(),
                "named port " + n.name() + " (" + pp.protocol() + ") of " + LintContext.ruleName(p, r)
                    + " is defined by no destination pod (" + String.join(", ",
                        destinations.stream().map(d -> d.workload().id()).toList()) + ")"));
          }
        }
      });
    }
  }

  private static List<LintContext.Pod> destinations(LintContext c, Policy p, Rule r) {
    if (r.direction() == Direction.INGRESS) {
      return c.selectedBy(p).toList();
    }
    return c.pods().stream().filter(x -> r.allPeers()
        || r.peers().stream().anyMatch(peer -> c.peers().check(p, peer, x.endpoint()).matches())).toList();
  }
}
