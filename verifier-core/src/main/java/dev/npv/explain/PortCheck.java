package dev.npv.explain;

import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;

/**
 * Whether one NetworkPolicyPort entry admits a protocol and port towards a destination, and why:
 * the same tests as {@code ReferenceEvaluator.portEntries}. Named ports resolve on the destination.
 */
final class PortCheck {
  private PortCheck() {
  }

  static Check check(PolicyPort entry, Endpoint destination, Protocol protocol, int port) {
    String subject = "port " + entry;
    String asked = protocol + " " + port;
    if (entry.protocol() != protocol) {
      return Check.no(subject, "port " + asked + " not in rule port " + entry + " (other protocol)");
    }
    PortSpec spec = entry.spec();
    if (spec instanceof PortSpec.AnyPort) {
      return Check.yes(subject, "every " + protocol + " port");
    }
    if (spec instanceof PortSpec.Range r) {
      return r.contains(port) ? Check.yes(subject, asked + " is in " + entry)
          : Check.no(subject, "port " + asked + " not in rule port " + entry);
    }
    String name = ((PortSpec.Named) spec).name();
    if (!(destination instanceof PodEndpoint pod)) {
      return Check.no(subject, "named port " + name + " cannot resolve on an external address");
    }
    java.util.List<Integer> resolved = pod.namedPorts(name, protocol);
    if (resolved.isEmpty()) {
      return Check.no(subject, "named port " + name + " not defined on destination " + pod.display()
          + " for " + protocol);
    }
    String numbers = String.join(",", resolved.stream().map(String::valueOf).toList());
    return resolved.contains(port)
        ? Check.yes(subject, "named port " + name + " is " + asked + " on " + pod.display())
        : Check.no(subject, "named port " + name + " is " + protocol + " " + numbers + " on "
            + pod.display() + ", not " + port);
  }
}
