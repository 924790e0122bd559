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

  /** Whether this end has (or may have) an address of that family: IPv6 if {@code v6}, else IPv4. */
  boolean mayUse(boolean v6);

  /** This end as a pod, if it is one (hostNetwork or not). */
  Optional<PodEndpoint> pod();

  /** This end as a pod that policies can select: not an address, not a hostNetwork pod. */
  default Optional<PodEndpoint> governedPod() {
    return pod().filter(p -> !p.hostNetwork());
  }

  /**
   * The node this end's address belongs to, if any: a node's address, or a hostNetwork pod (which
   * uses its node's address, so {@code nodes} peers match it as they match the node, NPEP-126). A pod
   * of the pod network is never a node.
   */
  Optional<Node> node();

  /**
   * A pod: its namespace and that namespace's labels, its own labels, its container ports (for named
   * ports) and its IP if known. {@code hostNetwork} pods use the node's network: no selector matches
   * them and no policy isolates them. {@code workloadIps} are all the addresses its manifest lists
   * (one per family for a dual-stack pod); empty when unknown, so that it may use either family.
   * {@code hostNode} is the node a hostNetwork pod runs on (the node whose address it uses), when
   * known; always empty for a pod of the pod network.
   */
  record PodEndpoint(String namespace, ImmutableSortedMap<String, String> namespaceLabels,
                     ImmutableSortedMap<String, String> labels, ImmutableList<ContainerPort> ports,
                     Optional<IpAddress> ip, boolean hostNetwork, String display, ImmutableList<IpAddress> workloadIps,
                     Optional<Node> hostNode)
      implements Endpoint {

    public PodEndpoint {
      if (!hostNetwork && hostNode.isPresent()) {
        throw new IllegalArgumentException("only a hostNetwork pod has a node's address");
      }
    }

    /** A pod whose manifest lists {@code workloadIps}; a hostNetwork pod on no known node. */
    public PodEndpoint(String namespace, ImmutableSortedMap<String, String> namespaceLabels,
                       ImmutableSortedMap<String, String> labels, ImmutableList<ContainerPort> ports,
                       Optional<IpAddress> ip, boolean hostNetwork, String display, ImmutableList<IpAddress> workloadIps) {
      this(namespace, namespaceLabels, labels, ports, ip, hostNetwork, display, workloadIps, Optional.empty());
    }

    /** The same pod at another address (a hostNetwork pod then on {@code node}, if any). */
    public PodEndpoint at(Optional<IpAddress> address, Optional<Node> node) {
      return new PodEndpoint(namespace, namespaceLabels, labels, ports, address, hostNetwork, display, workloadIps,
          hostNetwork ? node : Optional.empty());
    }

    /** A pod known by one address at most (the one it uses here). */
    public PodEndpoint(String namespace, ImmutableSortedMap<String, String> namespaceLabels,
                       ImmutableSortedMap<String, String> labels, ImmutableList<ContainerPort> ports,
                       Optional<IpAddress> ip, boolean hostNetwork, String display) {
      this(namespace, namespaceLabels, labels, ports, ip, hostNetwork, display,
          ip.map(ImmutableList::of).orElse(ImmutableList.of()));
    }

    @Override
    public Optional<PodEndpoint> pod() {
      return Optional.of(this);
    }

    @Override
    public Optional<Node> node() {
      return hostNode;
    }

    @Override
    public boolean mayUse(boolean v6) {
      return workloadIps.isEmpty() || workloadIps.stream().anyMatch(a -> a.v6() == v6);
    }

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
    public boolean mayUse(boolean v6) {
      return ip.v6() == v6;
    }

    @Override
    public Optional<PodEndpoint> pod() {
      return Optional.empty();
    }

    @Override
    public String display() {
      return node.map(n -> "node " + n + " at " + ip).orElse(ip.toString());
    }
  }
}
