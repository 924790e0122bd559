package dev.npv.explain;

import com.google.common.collect.RangeSet;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import java.util.List;

/**
 * One NetworkPolicyPort entry in words, given the ports of its protocol that the evaluator's walk
 * found it admits towards the destination: it matches iff the asked protocol and port are among them.
 */
final class PortCheck {
  private PortCheck() {
  }

  static Check check(PolicyPort entry, RangeSet<Integer> admitted, Endpoint destination, Protocol protocol,
                     int port) {
    String subject = "port " + entry;
    String asked = protocol + " " + port;
    if (entry.protocol() != protocol) {
      return Check.no(subject, "port " + asked + " not in rule port " + entry + " (other protocol)");
    }
    boolean matches = admitted.contains(port);
    String why = entry.spec().accept(new PortSpec.Visitor<String>() {
      @Override
      public String anyPort(PortSpec.AnyPort spec) {
        return "every " + protocol + " port";
      }

      @Override
      public String range(PortSpec.Range spec) {
        return matches ? asked + " is in " + entry : "port " + asked + " not in rule port " + entry;
      }

      @Override
      public String named(PortSpec.Named spec) {
        String name = spec.name();
        if (destination.pod().isEmpty()) {
          return "named port " + name + " cannot resolve on an external address";
        }
        PodEndpoint pod = destination.pod().get();
        List<Integer> resolved = pod.namedPorts(name, protocol);
        if (resolved.isEmpty()) {
          return "named port " + name + " not defined on destination " + pod.display() + " for " + protocol;
        }
        return matches ? "named port " + name + " is " + asked + " on " + pod.display()
            : "named port " + name + " is " + protocol + " "
                + String.join(",", resolved.stream().map(String::valueOf).toList()) + " on " + pod.display()
                + ", not " + port;
      }
    });
    return new Check(subject, matches, why);
  }
}
