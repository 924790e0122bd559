package dev.npv.lint;

import dev.npv.model.Direction;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Rule;
import java.util.List;
import java.util.Optional;

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
          Optional<String> name = portName(pp.spec());
          if (name.isPresent()
              && destinations.stream().noneMatch(d -> d.workload().namedPort(name.get(), pp.protocol()).isPresent())) {
            out.add(LintFinding.of(LintCode.NAMED_PORT_UNDEFINED, r.location(),
                "named port " + name.get() + " (" + pp.protocol() + ") of " + LintContext.ruleName(p, r)
                    + " is defined by no destination pod (" + String.join(", ",
                        destinations.stream().map(d -> d.workload().id()).toList()) + ")"));
          }
        }
      });
    }
  }

  /** The name a named port entry resolves; numbers and "every port" need no resolving. */
  private static Optional<String> portName(PortSpec spec) {
    return spec.accept(new PortSpec.Visitor<>() {
      @Override
      public Optional<String> anyPort(PortSpec.AnyPort any) {
        return Optional.empty();
      }

      @Override
      public Optional<String> range(PortSpec.Range range) {
        return Optional.empty();
      }

      @Override
      public Optional<String> named(PortSpec.Named named) {
        return Optional.of(named.name());
      }
    });
  }

  private static List<LintContext.Pod> destinations(LintContext c, Policy p, Rule r) {
    if (r.direction() == Direction.INGRESS) {
      return c.selectedBy(p).toList();
    }
    return c.pods().stream().filter(x -> r.allPeers()
        || r.peers().stream().anyMatch(peer -> c.evaluator().peerMatches(p, peer, x.endpoint()))).toList();
  }
}
