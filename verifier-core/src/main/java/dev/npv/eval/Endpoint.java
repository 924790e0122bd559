package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.model.ContainerPort;
import dev.npv.model.IpAddress;
import dev.npv.model.Node;
import dev.npv.model.Protocol;
import java.util.List;
import java.util.Optional;

/**
 * A concrete end of a connection: a pod with everything policy can look at, or an address outside the
 * pod network (which may be a node's).
 */
public sealed interface Endpoint permits Endpoint.PodEndpoint, Endpoint.External {

  String display();

  /** The address this end uses, if known. */
  Optional<IpAddress> address();

  /**
   * A pod: its namespace and that namespace's labels, its own labels, its container ports (for named
   * ports) and its IP if known. {@code hostNetwork} pods use the node's network: no selector matches
   * them and no policy isolates them.
   */
  record PodEndpoint(String namespace, ImmutableSortedMap<String, String> namespaceLabels,
                     ImmutableSortedMap<String, String> labels, ImmutableList<ContainerPort> ports,
                     Optional<IpAddress> ip, boolean hostNetwork, String display) implements Endpoint {

    /**
     * The port numbers a named port resolves to on this pod for {@code protocol}: every container
     * port with that name and protocol (names are unique per container, not per pod).
     */
    @Override
    public Optional<IpAddress> address() {
      return ip;
    }

    public List<Integer> namedPorts(String name, Protocol protocol) {
      return ports.stream()
          .filter(p -> p.name().isPresent() && p.name().get().equals(name) && p.protocol() == protocol)
          .map(ContainerPort::port).toList();
    }
  }

  /**
   * An address outside the pod network. {@code node} is the node it belongs to, if any: a node of the
   * manifests or, in the open world, one that could join; only {@code nodes} peers look at it, address
   * peers match the address alike either way.
   */
  record External(IpAddress ip, Optional<Node> node) implements Endpoint {
    /** An address no node has. */
    public External(IpAddress ip) {
      this(ip, Optional.empty());
    }

    @Override
    public Optional<IpAddress> address() {
      return Optional.of(ip);
    }

    @Override
    public String display() {
      return node.map(n -> "node " + n + " at " + ip).orElse(ip.toString());
    }
  }
}
