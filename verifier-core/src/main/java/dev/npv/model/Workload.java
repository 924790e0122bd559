package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import java.util.Comparator;
import java.util.Optional;

/**
 * A set of identical pods: a bare Pod, the live pods of one controller that share labels, container
 * ports and hostNetwork, or (when none of its pods is loaded) a controller's pod template.
 * {@code podIps} are known only for Pod manifests with status; an empty list means "unknown".
 * {@code hostNetwork} pods share the node's network: selectors never match them.
 *
 * <p>{@code group} is empty unless the pods of one controller differ (a rollout in progress, or the
 * per-pod labels of a StatefulSet): each differing set is then a workload of its own with the same
 * kind, namespace and name, and {@code group} says what sets it apart (e.g.
 * {@code pod-template-hash=7d4b9c}). {@link #id()} stays {@code ns/name}, so a spec naming the
 * controller means all its groups.
 */
public record Workload(WorkloadKind kind, String namespace, String name,
                       ImmutableSortedMap<String, String> labels, ImmutableList<ContainerPort> ports,
                       ImmutableList<IpAddress> podIps, boolean hostNetwork, SourceLocation location,
                       Optional<String> group)
    implements Comparable<Workload> {
  private static final Comparator<Workload> ORDER = Comparator.comparing(Workload::namespace)
      .thenComparing(Workload::name).thenComparing(Workload::kind)
      .thenComparing(w -> w.group().orElse(""));

  /** A workload that is all of its controller (no group). */
  public Workload(WorkloadKind kind, String namespace, String name,
                  ImmutableSortedMap<String, String> labels, ImmutableList<ContainerPort> ports,
                  ImmutableList<IpAddress> podIps, boolean hostNetwork, SourceLocation location) {
    this(kind, namespace, name, labels, ports, podIps, hostNetwork, location, Optional.empty());
  }

  public String id() {
    return namespace + "/" + name;
  }

  /** {@code ns/name}, with {@code [group]} when the controller's pods fall into several groups. */
  public String displayName() {
    return id() + group.map(g -> " [" + g + "]").orElse("");
  }

  /** The same pods, as group {@code group} of their controller. */
  public Workload inGroup(String group) {
    return new Workload(kind, namespace, name, labels, ports, podIps, hostNetwork, location, Optional.of(group));
  }

  /** The container port with this name and protocol, as a named NetworkPolicyPort resolves it. */
  public Optional<Integer> namedPort(String portName, Protocol protocol) {
    return ports.stream()
        .filter(p -> p.name().isPresent() && p.name().get().equals(portName) && p.protocol() == protocol)
        .map(ContainerPort::port).findFirst();
  }

  @Override
  public int compareTo(Workload o) {
    return ORDER.compare(this, o);
  }
}
