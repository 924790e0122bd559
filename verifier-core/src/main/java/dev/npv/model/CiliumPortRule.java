package dev.npv.model;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * One {@code toPorts} entry: the ports it admits ({@code ports}; every port of every protocol with
 * ports when the list is empty) and, for allow rules, what further restricts the traffic inside those
 * ports: L7 {@code rules} (http, kafka, dns, l7proto), {@code serverNames}, a {@code listener} or TLS
 * interception. {@code l7} names that restriction when there is one: such a rule allows its L4 flows
 * "for some requests only", so no evaluator may prove an allow from it.
 */
public record CiliumPortRule(ImmutableList<CiliumPort> ports, Optional<String> l7) {
  public boolean allPorts() {
    return ports.isEmpty();
  }

  @Override
  public String toString() {
    String p = allPorts() ? "all ports" : String.join(", ", ports.stream().map(CiliumPort::toString).toList());
    return p + l7.map(r -> " (" + r + ")").orElse("");
  }
}
