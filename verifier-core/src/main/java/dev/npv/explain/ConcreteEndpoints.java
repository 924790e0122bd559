package dev.npv.explain;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.eval.AddressRules;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.spec.EndpointExpressions;
import dev.npv.spec.EndpointSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One concrete endpoint from the command line, for {@code npv explain}: a workload {@code ns/name}
 * (its first pod, via {@link Endpoints#of}) or {@code ns/name@IP} (its pod at that address, as
 * {@code check} counterexamples name it), an IP address (a Node manifest's address is that node), or a hypothetical pod described by exact
 * labels: {@code namespace:NAME}, {@code ns:k=v,...} (namespace labels) and {@code pod:k=v,...} or a
 * bare {@code k=v,...} (pod labels), given as separate arguments or joined with {@code /}
 * ({@code ns:project=myApp/pod:app=frontend}). Without a namespace name the pod is in namespace
 * {@code default}; with namespace labels but no name, in a new namespace with exactly those labels.
 */
public final class ConcreteEndpoints {
  /** The name given to a namespace that only its labels describe. */
  public static final String NEW_NAMESPACE = "new-namespace";

  private ConcreteEndpoints() {
  }

  public static Endpoint parse(Cluster cluster, List<String> args) {
    List<String> parts = new ArrayList<>();
    args.forEach(a -> parts.addAll(EndpointExpressions.splitCompound(a.trim())));
    if (parts.size() == 1) {
      String p = parts.get(0).trim();
      Optional<IpAddress> ip = IpAddress.parse(p);
      if (ip.isPresent()) {
        return new Endpoint.External(ip.get(), cluster.nodeAt(ip.get())); // a node's address is that node
      }
      if (Cidr.parse(p).isPresent()) {
        throw new IllegalArgumentException("'" + p + "' is an address block; explain needs one address");
      }
      int at = p.lastIndexOf('@');
      if (at > 0 && !p.contains("=")) {
        return atAddress(cluster, p.substring(0, at), p.substring(at + 1));
      }
      Optional<EndpointSelector.WorkloadRef> ref = EndpointExpressions.workloadRef(p);
      if (ref.isPresent() && !p.contains("=")) {
        Workload w = cluster.workload(ref.get().namespace(), ref.get().name()).orElseThrow(() ->
            new IllegalArgumentException("no workload " + ref.get() + " in the manifests"));
        return Endpoints.of(cluster, w).get(0);
      }
    }
    Optional<String> name = Optional.empty();
    TreeMap<String, String> nsLabels = new TreeMap<>();
    TreeMap<String, String> podLabels = new TreeMap<>();
    boolean nsGiven = false;
    for (String raw : parts) {
      String p = raw.trim();
      if (p.startsWith("namespace:")) {
        name = Optional.of(p.substring("namespace:".length()).trim());
      } else if (p.startsWith("ns:")) {
        nsLabels.putAll(exact(p.substring(3), p));
        nsGiven = true;
      } else if (p.startsWith("pod:")) {
        podLabels.putAll(exact(p.substring(4), p));
      } else if (IpAddress.parse(p).isPresent() || EndpointExpressions.workloadRef(p).isPresent()) {
        throw new IllegalArgumentException("'" + p + "' cannot be combined with other parts");
      } else {
        podLabels.putAll(exact(p, p));
      }
    }
    if (name.isEmpty()) {
      name = Optional.ofNullable(nsLabels.get(Namespace.NAME_LABEL)).or(() -> Optional.of("default"));
      if (nsGiven && !nsLabels.containsKey(Namespace.NAME_LABEL)) {
        name = Optional.of(NEW_NAMESPACE);
      }
    }
    String namespace = name.get();
    TreeMap<String, String> labels = new TreeMap<>();
    Optional<Namespace> existing = cluster.namespace(namespace);
    existing.ifPresent(n -> labels.putAll(n.labels()));
    labels.putAll(nsLabels);
    labels.put(Namespace.NAME_LABEL, namespace); // the control plane sets it
    String where = existing.isPresent() ? "namespace " + namespace
        : namespace.equals(NEW_NAMESPACE) ? "a new namespace labelled " + Labels.showNamespace(labels)
        : "new namespace " + namespace;
    String display = "pod " + (podLabels.isEmpty() ? "with no labels" : Labels.show(podLabels)) + " in " + where;
    return new Endpoint.PodEndpoint(namespace, ImmutableSortedMap.copyOf(labels), ImmutableSortedMap.copyOf(podLabels),
        ImmutableList.of(), Optional.empty(), false, display);
  }

  /**
   * {@code ns/name@IP}: a pod of that workload at that address, as a counterexample of {@code check}
   * names it. The address must be one the pod may have: one its manifests list, or, for a controller
   * (whose listed addresses are a snapshot that binds only in the closed world) or a pod whose manifests
   * list none, one no other known pod or node holds; a hostNetwork pod's is a node's address (it is then
   * on that node) or, on a new node, one no pod or node holds.
   */
  private static Endpoint atAddress(Cluster cluster, String workload, String address) {
    Optional<EndpointSelector.WorkloadRef> ref = EndpointExpressions.workloadRef(workload);
    Optional<IpAddress> ip = IpAddress.parse(address);
    if (ref.isEmpty() || ip.isEmpty()) {
      throw new IllegalArgumentException("'" + workload + "@" + address + "': expected namespace/name@IP,"
          + " e.g. shop/api@10.1.2.3");
    }
    Workload named = cluster.workload(ref.get().namespace(), ref.get().name()).orElseThrow(() ->
        new IllegalArgumentException("no workload " + ref.get() + " in the manifests"));
    // Pods of one controller whose labels differ are groups of one name: the address says which.
    Workload w = cluster.workloads().stream().filter(x -> x.id().equals(named.id()) && x.podIps().contains(ip.get()))
        .findFirst().orElse(named);
    Endpoint.PodEndpoint first = Endpoints.of(cluster, w).get(0);
    boolean listed = w.podIps().contains(ip.get());
    if (!listed && w.kind() == WorkloadKind.Pod && !w.podIps().isEmpty()) {
      throw new IllegalArgumentException(w.id() + " has the addresses " + w.podIps() + " in the manifests, not "
          + ip.get());
    }
    AddressRules rules = AddressRules.of(cluster, EvaluatorOptions.DEFAULT);
    boolean free = !rules.held().contains(ip.get());
    if (!listed && w.hostNetwork()) {
      // A node's address, or (on a new node, as the open world has them) one no pod or node holds.
      if (cluster.nodeAt(ip.get()).isEmpty() && !free) {
        throw new IllegalArgumentException(w.id() + " is a hostNetwork pod: its address is a node's, and "
            + ip.get() + " is held by a pod");
      }
    } else if (!listed && !free) {
      // A controller's status addresses are a snapshot: a new pod of it may have any address not held.
      throw new IllegalArgumentException(ip.get() + " is held by another pod or node; " + w.id()
          + (w.podIps().isEmpty() ? " (address not given by the manifests)" : " (a new pod of it, beside "
          + w.podIps() + ")") + " may have any pod address not held by another pod");
    }
    return first.at(ip, w.hostNetwork() ? cluster.nodeAt(ip.get()) : Optional.empty());
  }

  /**
   * {@code end} in the address family of {@code other}: a workload has one endpoint per IP
   * ({@link Endpoints#of}) and a connection uses one family on both ends, so a dual-stack workload
   * is taken at its address of the other end's family. Any other end stays as it is.
   */
  public static Endpoint inFamilyOf(Cluster cluster, Endpoint end, Endpoint other) {
    if (end.pod().isEmpty() || other.address().isEmpty() || end.address().isEmpty()
        || end.address().get().v6() == other.address().get().v6()) {
      return end;
    }
    Endpoint.PodEndpoint pod = end.pod().get();
    boolean v6 = other.address().get().v6();
    return cluster.workloads().stream().filter(w -> w.id().equals(pod.display()) && w.labels().equals(pod.labels()))
        .flatMap(w -> Endpoints.of(cluster, w).stream())
        .filter(e -> e.address().map(a -> a.v6() == v6).orElse(false))
        .<Endpoint>map(e -> e).findFirst().orElse(end);
  }

  /** A hypothetical pod has exact labels: only {@code k=v} terms. */
  private static ImmutableSortedMap<String, String> exact(String text, String part) {
    LabelSelector s = EndpointExpressions.selector(text);
    if (!s.matchExpressions().isEmpty()) {
      throw new IllegalArgumentException("'" + part + "': a concrete endpoint needs exact labels (key=value), "
          + "not expressions");
    }
    return s.matchLabels();
  }
}
