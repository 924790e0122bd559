package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything loaded from the manifests: namespaces (declared and implied), workloads, policies and
 * nodes, each sorted by name, the policy objects of kinds npv does not model (never evaluated; they
 * make the verdicts they could change UNKNOWN), and Cilium's own policies ({@link CiliumPolicy}, read
 * and validated; while the evaluators do not apply them, the loader also keeps them as unmodelled
 * policies). This is the IR both evaluators read. No two nodes share an address
 * (the loader rejects that), so an address names at most one node.
 */
public record Cluster(ImmutableSortedMap<String, Namespace> namespaces, ImmutableList<Workload> workloads,
                      ImmutableList<Policy> policies, ImmutableList<AdminPolicy> adminPolicies,
                      ImmutableList<Node> nodes, ImmutableList<UnmodelledPolicy> unmodelledPolicies,
                      CalicoResources calico, ImmutableList<CiliumPolicy> ciliumPolicies) {

  /** Without policies of kinds npv does not model, and without Calico objects. */
  public Cluster(ImmutableSortedMap<String, Namespace> namespaces, ImmutableList<Workload> workloads,
                 ImmutableList<Policy> policies, ImmutableList<AdminPolicy> adminPolicies,
                 ImmutableList<Node> nodes) {
    this(namespaces, workloads, policies, adminPolicies, nodes, ImmutableList.of());
  }

  /** Without Calico objects. */
  public Cluster(ImmutableSortedMap<String, Namespace> namespaces, ImmutableList<Workload> workloads,
                 ImmutableList<Policy> policies, ImmutableList<AdminPolicy> adminPolicies,
                 ImmutableList<Node> nodes, ImmutableList<UnmodelledPolicy> unmodelledPolicies) {
    this(namespaces, workloads, policies, adminPolicies, nodes, unmodelledPolicies, CalicoResources.EMPTY,
        ImmutableList.of());
  }

  /** The same cluster, with the policy objects of kinds npv does not model that the input holds. */
  public Cluster withUnmodelledPolicies(Iterable<UnmodelledPolicy> unmodelled) {
    return new Cluster(namespaces, workloads, policies, adminPolicies, nodes, ImmutableList.copyOf(unmodelled),
        calico, ciliumPolicies);
  }

  /** Without cluster-wide admin policies. */
  public Cluster(ImmutableSortedMap<String, Namespace> namespaces, ImmutableList<Workload> workloads,
                 ImmutableList<Policy> policies) {
    this(namespaces, workloads, policies, ImmutableList.of());
  }

  /** Without Node manifests. */
  public Cluster(ImmutableSortedMap<String, Namespace> namespaces, ImmutableList<Workload> workloads,
                 ImmutableList<Policy> policies, ImmutableList<AdminPolicy> adminPolicies) {
    this(namespaces, workloads, policies, adminPolicies, ImmutableList.of());
  }

  public static Cluster of(Iterable<Namespace> namespaces, Iterable<Workload> workloads,
                           Iterable<Policy> policies) {
    return of(namespaces, workloads, policies, ImmutableList.of());
  }

  /** {@code adminPolicies} come out in evaluation order ({@link AdminPolicy#ORDER}): Admin tier, then Baseline. */
  public static Cluster of(Iterable<Namespace> namespaces, Iterable<Workload> workloads,
                           Iterable<Policy> policies, Iterable<AdminPolicy> adminPolicies) {
    return of(namespaces, workloads, policies, adminPolicies, ImmutableList.of());
  }

  public static Cluster of(Iterable<Namespace> namespaces, Iterable<Workload> workloads,
                           Iterable<Policy> policies, Iterable<AdminPolicy> adminPolicies, Iterable<Node> nodes) {
    return of(namespaces, workloads, policies, adminPolicies, nodes, CalicoResources.EMPTY, ImmutableList.of());
  }

  /** With the Calico tiers, policies and network sets (projectcalico.org/v3) loaded beside the rest. */
  public static Cluster of(Iterable<Namespace> namespaces, Iterable<Workload> workloads,
                           Iterable<Policy> policies, Iterable<AdminPolicy> adminPolicies, Iterable<Node> nodes,
                           CalicoResources calico) {
    return of(namespaces, workloads, policies, adminPolicies, nodes, calico, ImmutableList.of());
  }

  /** With cilium.io/v2 policies. */
  public static Cluster of(Iterable<Namespace> namespaces, Iterable<Workload> workloads,
                           Iterable<Policy> policies, Iterable<AdminPolicy> adminPolicies, Iterable<Node> nodes,
                           Iterable<CiliumPolicy> ciliumPolicies) {
    return of(namespaces, workloads, policies, adminPolicies, nodes, CalicoResources.EMPTY, ciliumPolicies);
  }

  /** With Calico's objects and cilium.io/v2 policies (sorted by kind, namespaced first, namespace and name). */
  public static Cluster of(Iterable<Namespace> namespaces, Iterable<Workload> workloads,
                           Iterable<Policy> policies, Iterable<AdminPolicy> adminPolicies, Iterable<Node> nodes,
                           CalicoResources calico, Iterable<CiliumPolicy> ciliumPolicies) {
    ImmutableSortedMap.Builder<String, Namespace> ns = ImmutableSortedMap.naturalOrder();
    namespaces.forEach(n -> ns.put(n.name(), n));
    return new Cluster(ns.build(),
        ImmutableList.sortedCopyOf(workloads),
        ImmutableList.sortedCopyOf((a, b) -> a.id().compareTo(b.id()), policies),
        ImmutableList.sortedCopyOf(AdminPolicy.ORDER, adminPolicies),
        ImmutableList.sortedCopyOf(Comparator.comparing(Node::name), nodes), ImmutableList.of(), calico,
        ImmutableList.sortedCopyOf(Comparator.comparing(CiliumPolicy::kind)
            .thenComparing(CiliumPolicy::id), ciliumPolicies));
  }

  /** The node that has {@code ip} among its addresses. */
  public Optional<Node> nodeAt(IpAddress ip) {
    return nodes.stream().filter(n -> n.addresses().contains(ip)).findFirst();
  }

  /** The Admin tier (AdminNetworkPolicies and Admin-tier ClusterNetworkPolicies), highest precedence first. */
  public ImmutableList<AdminPolicy> adminTier() {
    return tier(AdminTier.ADMIN);
  }

  /** The Baseline tier (Baseline-tier ClusterNetworkPolicies, then the BaselineAdminNetworkPolicy), in order. */
  public ImmutableList<AdminPolicy> baselineTier() {
    return tier(AdminTier.BASELINE);
  }

  private ImmutableList<AdminPolicy> tier(AdminTier tier) {
    return adminPolicies.stream().filter(p -> p.tier() == tier).collect(ImmutableList.toImmutableList());
  }

  /**
   * Every CIDR (with its excepts) that an ipBlock or admin {@code networks} peer names, in policy
   * order: the boundaries at which a decision about an address can change.
   */
  public Set<Cidr> addressBlocks() {
    Set<Cidr> out = new LinkedHashSet<>();
    List<Peer> peers = new ArrayList<>();
    for (Direction d : Direction.values()) {
      policies.forEach(p -> p.rules(d).forEach(r -> peers.addAll(r.peers())));
      adminPolicies.forEach(p -> p.rules(d).forEach(r -> peers.addAll(r.peers())));
    }
    for (Peer peer : peers) {
      if (peer instanceof Peer.Addresses a) {
        out.add(a.block().cidr());
        out.addAll(a.block().except());
      }
    }
    return out;
  }

  public Optional<Namespace> namespace(String name) {
    return Optional.ofNullable(namespaces.get(name));
  }

  public Optional<Workload> workload(String namespace, String name) {
    return workloads.stream().filter(w -> w.namespace().equals(namespace) && w.name().equals(name))
        .findFirst();
  }

  /** Policies by namespace, for the "policies in the pod's namespace" lookups. */
  public ImmutableMap<String, ImmutableList<Policy>> policiesByNamespace() {
    return policies.stream().collect(ImmutableListMultimap
        .toImmutableListMultimap(Policy::namespace, p -> p)).asMap().entrySet().stream()
        .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey,
            e -> ImmutableList.copyOf(e.getValue())));
  }
}
