package dev.npv.smt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.Cluster;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Rule;
import dev.npv.model.SelectorRequirement;
import dev.npv.model.Workload;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Everything finite the encoding ranges over, computed once from the manifests and the invariants:
 * the namespace names that matter (plus one fresh "new" namespace), the known workloads, the label
 * domains of pods and namespaces, and the port names used in named ports. Plain Java.
 */
final class Universe {
  final Cluster cluster;
  /** Candidate namespace names; index {@code namespaceNames.size()} stands for a new namespace. */
  final ImmutableList<String> namespaceNames;
  final ImmutableMap<String, Integer> namespaceIndex;
  final ImmutableList<Workload> workloads;
  final ValueDomain podLabels;
  final ValueDomain namespaceLabels;
  /** Node labels: the keys and values of {@code nodes} peer selectors, with the known nodes' values. */
  final ValueDomain nodeLabels;
  /** Some {@code nodes} peer or {@code nodeSelector} of an invariant looks at node labels. */
  final boolean nodesSelected;
  final ImmutableSortedSet<String> portNames;
  /**
   * The known workloads an end may still be in the open world, where any other known workload is
   * just one of the new pods that could be deployed: same namespace, labels and named ports (a new pod
   * may define the same), any address. Kept: hostNetwork workloads, which no policy governs, and the
   * workloads invariants name ({@code workload:}), which only their own facts pin down.
   */
  final ImmutableSortedSet<Integer> openWorldWorkloads;

  Universe(Cluster cluster, List<Invariant> invariants) {
    this(cluster, cluster, invariants);
  }

  /**
   * A universe whose semantics (policies, declared namespaces) come from {@code cluster} but whose
   * finite domains, candidate names and workloads come from {@code domains}: two versions of a
   * cluster encoded over one set of variables (for diffs) use the same {@code domains}.
   */
  Universe(Cluster semantics, Cluster domains, List<Invariant> invariants) {
    Cluster cluster = domains;
    this.cluster = semantics;
    this.workloads = cluster.workloads();
    TreeSet<String> names = new TreeSet<>(cluster.namespaces().keySet());
    cluster.workloads().forEach(w -> names.add(w.namespace()));
    cluster.policies().forEach(p -> names.add(p.namespace()));
    ValueDomain.Builder pods = new ValueDomain.Builder();
    ValueDomain.Builder nss = new ValueDomain.Builder();
    ValueDomain.Builder nodes = new ValueDomain.Builder();
    TreeSet<String> ports = new TreeSet<>();
    // The name label is fixed by the namespace, so its domain is the candidate names themselves.
    nss.key(Namespace.NAME_LABEL);
    for (Policy p : cluster.policies()) {
      addSelector(pods, p.podSelector());
      for (Rule r : p.ingress()) {
        addRule(r, pods, nss, ports);
      }
      for (Rule r : p.egress()) {
        addRule(r, pods, nss, ports);
      }
    }
    for (AdminPolicy p : cluster.adminPolicies()) {
      addSelector(nss, p.subject().namespaceSelector());
      addSelector(pods, p.subject().podSelector());
      for (AdminRule r : p.ingress()) {
        addPeers(r.peers(), pods, nss);
        r.ports().forEach(pp -> addPort(pp, ports));
      }
      for (AdminRule r : p.egress()) {
        addPeers(r.peers(), pods, nss);
        r.peers().stream().filter(x -> x instanceof Peer.Nodes).forEach(x -> addSelector(nodes, ((Peer.Nodes) x).selector()));
        r.ports().forEach(pp -> addPort(pp, ports));
      }
    }
    CiliumDomains.add(cluster, pods, nss, nodes, ports);
    cluster.ciliumPolicies().stream().filter(p -> !p.clusterwide()).forEach(p -> names.add(p.id().namespace()));
    for (Invariant inv : invariants) {
      for (EndpointSet set : List.of(inv.from(), inv.to())) {
        for (EndpointSelector s : set.selectors()) {
          s.namespace().ifPresent(names::add);
          s.workload().ifPresent(w -> names.add(w.namespace()));
          s.namespaceSelector().ifPresent(sel -> addSelector(nss, sel));
          s.podSelector().ifPresent(sel -> addSelector(pods, sel));
          s.nodeSelector().ifPresent(sel -> addSelector(nodes, sel));
        }
      }
      inv.ports().forEach(pp -> addPort(pp, ports));
    }
    // Names that selectors on the name label mention are candidates too: such a namespace may be created.
    // (Collected after the scan above, so only names that matter are added.)
    ValueDomain interim = nss.build();
    for (int code = 2; code <= interim.maxCode(Namespace.NAME_LABEL); code++) {
      interim.value(Namespace.NAME_LABEL, code).ifPresent(names::add);
    }
    names.forEach(n -> nss.value(Namespace.NAME_LABEL, n));
    cluster.namespaces().values().forEach(n -> nss.knownLabels(n.labels()));
    cluster.workloads().forEach(w -> pods.knownLabels(w.labels()));
    cluster.nodes().forEach(n -> nodes.knownLabels(n.labels()));
    this.namespaceNames = ImmutableList.copyOf(names);
    ImmutableMap.Builder<String, Integer> idx = ImmutableMap.builder();
    for (int i = 0; i < namespaceNames.size(); i++) {
      idx.put(namespaceNames.get(i), i);
    }
    this.namespaceIndex = idx.buildOrThrow();
    this.podLabels = pods.build();
    this.namespaceLabels = nss.build();
    this.nodeLabels = nodes.build();
    this.nodesSelected = cluster.adminPolicies().stream().flatMap(p -> p.egress().stream())
        .flatMap(r -> r.peers().stream()).anyMatch(x -> x instanceof Peer.Nodes)
        || invariants.stream().flatMap(inv -> Stream.of(inv.from(), inv.to()))
        .flatMap(set -> set.selectors().stream()).anyMatch(s -> s.nodeSelector().isPresent());
    this.portNames = ImmutableSortedSet.copyOf(ports);
    TreeSet<Integer> open = new TreeSet<>();
    for (int i = 0; i < workloads.size(); i++) {
      if (workloads.get(i).hostNetwork()) {
        open.add(i);
      }
    }
    for (Invariant inv : invariants) {
      for (EndpointSet set : List.of(inv.from(), inv.to())) {
        set.selectors().forEach(s -> s.workload().ifPresent(w -> open.addAll(workloadIndices(w.namespace(), w.name()))));
      }
    }
    this.openWorldWorkloads = ImmutableSortedSet.copyOf(open);
  }

  int newNamespaceIndex() {
    return namespaceNames.size();
  }

  /** A namespace whose labels are known: declared in the manifests. */
  Optional<Namespace> declared(int index) {
    return index < namespaceNames.size()
        ? cluster.namespace(namespaceNames.get(index)).filter(Namespace::declared)
        : Optional.empty();
  }

  /** Every known workload named {@code namespace/name}, of any kind (a Deployment and a CronJob may share it). */
  List<Integer> workloadIndices(String namespace, String name) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < workloads.size(); i++) {
      Workload w = workloads.get(i);
      if (w.namespace().equals(namespace) && w.name().equals(name)) {
        out.add(i);
      }
    }
    return out;
  }


  private static void addRule(Rule r, ValueDomain.Builder pods, ValueDomain.Builder nss, TreeSet<String> ports) {
    addPeers(r.peers(), pods, nss);
    r.ports().forEach(pp -> addPort(pp, ports));
  }

  private static void addPeers(List<Peer> peers, ValueDomain.Builder pods, ValueDomain.Builder nss) {
    for (Peer peer : peers) {
      if (peer instanceof Peer.Pods p) {
        p.namespaceSelector().ifPresent(s -> addSelector(nss, s));
        p.podSelector().ifPresent(s -> addSelector(pods, s));
      }
    }
  }

  private static void addPort(PolicyPort pp, TreeSet<String> ports) {
    if (pp.spec() instanceof PortSpec.Named n) {
      ports.add(n.name());
    }
  }

  private static void addSelector(ValueDomain.Builder b, LabelSelector s) {
    s.matchLabels().forEach(b::value);
    for (SelectorRequirement r : s.matchExpressions()) {
      b.key(r.key());
      r.values().forEach(v -> b.value(r.key(), v));
    }
  }
}
