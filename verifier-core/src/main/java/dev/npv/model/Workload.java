package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * A set of identical pods: a bare Pod or the template of a controller. {@code podIps} are known only
 * for Pod manifests with status; an empty list means "unknown". {@code hostNetwork} pods share the
 * node's network: selectors never match them.
 */
public record Workload(WorkloadKind kind, String namespace, String name,
                       ImmutableSortedMap<String, String> labels, ImmutableList<ContainerPort> ports,
                       ImmutableList<IpAddress> podIps, boolean hostNetwork, SourceLocation location)
    implements Comparable<Workload> {

  public String id() {
    return namespace + "/" + name;
  }

  /** The container port with this name and protocol, as a named NetworkPolicyPort resolves it. */
  public Optional<Integer> namedPort(String portName, Protocol protocol) {
    return ports.stream()
        .filter(p -> p.name().isPresent() && p.name().get().equals(portName) && p.protocol() == protocol)
        .map(ContainerPort::port).findFirst();
  }

  @Override
  public int compareTo(Workload o) {
    int c = namespace.compareTo(o.namespace);
    if (c != 0) {
      return c;
    }
    c = name.compareTo(o.name);
    return c != 0 ? c : kind.compareTo(o.kind);
  }
}
