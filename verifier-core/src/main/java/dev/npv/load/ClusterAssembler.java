package dev.npv.load;

import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.Node;
import dev.npv.model.Peer;
import dev.npv.model.AdminApi;
import dev.npv.model.CiliumPolicy;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts the objects read from all inputs together: rejects duplicates (the second object with the same
 * kind, namespace and name would silently replace the first on {@code kubectl apply}), makes one
 * workload per controller ({@link WorkloadGrouper}), and creates the namespaces that are used but not
 * declared.
 */
final class ClusterAssembler {
  private final Diagnostics diags;
  private final Map<String, SourceLocation> seen = new HashMap<>();
  private final Map<String, Namespace> namespaces = new TreeMap<>();
  private final List<WorkloadReader.Candidate> workloads = new ArrayList<>();
  private final List<Policy> policies = new ArrayList<>();
  private final List<AdminPolicy> adminPolicies = new ArrayList<>();
  /** The first ClusterNetworkPolicy read in each apiVersion (v1alpha2, v1beta1). */
  private final Map<String, AdminPolicy> cnpVersions = new TreeMap<>();
  private final List<Node> nodes = new ArrayList<>();
  /** Calico tiers, policies and network sets (projectcalico.org/v3), put together by their own assembler. */
  private final CalicoAssembler calico;
  private final List<CiliumPolicy> ciliumPolicies = new ArrayList<>();
  /** Which node has each address so far: an address names one node. */
  private final Map<IpAddress, Node> nodeAddresses = new HashMap<>();

  ClusterAssembler(Diagnostics diags) {
    this.diags = diags;
    this.calico = new CalicoAssembler(diags);
  }

  CalicoAssembler calico() {
    return calico;
  }

  /** True when no object with this identity was added before; reports the duplicate otherwise. */
  boolean claim(String kind, String namespace, String name, SourceLocation at) {
    String key = kind + "|" + namespace + "|" + name;
    SourceLocation first = seen.putIfAbsent(key, at);
    if (first != null) {
      String id = namespace.isEmpty() ? name : namespace + "/" + name;
      diags.error(Codes.DUPLICATE_OBJECT, at, "duplicate " + kind + " " + id + ": already defined at " + first
          + "; the second silently replaces the first");
      return false;
    }
    return true;
  }

  void addNamespace(Namespace ns) {
    namespaces.put(ns.name(), ns);
  }

  void addWorkload(WorkloadReader.Candidate c) {
    workloads.add(c);
  }

  void addPolicy(Policy p) {
    policies.add(p);
  }

  void addCiliumPolicy(CiliumPolicy p) {
    ciliumPolicies.add(p);
  }

  void addAdminPolicy(AdminPolicy p, String apiVersion) {
    adminPolicies.add(p);
    if (p.api() == AdminApi.CNP) {
      cnpVersions.putIfAbsent(apiVersion, p);
    }
  }

  /** Rejects a node that claims another node's address: which node's labels would apply there? */
  void addNode(Node n) {
    for (IpAddress ip : n.addresses()) {
      Node first = nodeAddresses.putIfAbsent(ip, n);
      if (first != null) {
        diags.error(Codes.NODE_ADDRESS_SHARED, n.location(), "node " + n.name() + " has address " + ip
            + ", which node " + first.name() + " (at " + first.location() + ") has too; an address belongs to"
            + " one node");
        return;
      }
    }
    nodes.add(n);
  }

  /**
   * A {@code nodes} peer matches the addresses of the nodes npv knows, and in the open world of any
   * node that could join. Said once per rule with such a peer where that is less than the reader may
   * expect: no Node manifests (closed world: nothing), and hostNetwork pods, whose traffic npv decides
   * as a pod's even though it goes to their node's address.
   */
  private void warnNodesPeers(Cluster cluster) {
    boolean hostNetwork = cluster.workloads().stream().anyMatch(Workload::hostNetwork);
    if (!nodes.isEmpty() && !hostNetwork) {
      return;
    }
    for (AdminPolicy p : cluster.adminPolicies()) {
      for (AdminRule r : p.egress()) {
        if (r.peers().stream().noneMatch(x -> x instanceof Peer.Nodes)) {
          continue;
        }
        String what = nodes.isEmpty() ? "no Node manifests are loaded, so in the closed world this 'nodes' peer"
            + " matches nothing (in the open world it matches any address a new node could have)"
            : "connections to hostNetwork pods are decided as the pods' own, not by this 'nodes' peer, though"
            + " they use their node's address";
        diags.warning(Codes.ADMIN_NODES_PEER, r.location(), p + " egress rule " + r.index() + ": " + what);
      }
    }
  }

  /**
   * Two policies of one tier with one priority: "If two (or more) policies in the same tier with the
   * same priority could match a connection, then the implementation can apply any of the matching
   * policies" (ClusterNetworkPolicySpec.priority; v1alpha1: "the behavior is undefined"). Warned about
   * when some pod that could be deployed is selected by both subjects, with that pod as the witness;
   * subjects that can never select the same pod make the order irrelevant, so no warning.
   */
  private void warnSamePriority(Cluster cluster) {
    List<AdminPolicy> all = cluster.adminPolicies();
    for (int j = 0; j < all.size(); j++) {
      AdminPolicy p = all.get(j);
      for (int i = 0; i < j; i++) {
        AdminPolicy first = all.get(i);
        if (first.tier() != p.tier() || first.priority() != p.priority() || p.api() == AdminApi.BANP) {
          continue;
        }
        SubjectOverlap.witness(cluster, first.subject(), p.subject()).ifPresent(w -> diags.warning(
            Codes.ADMIN_SAME_PRIORITY, p.location(), first + " (at " + first.location() + ") and " + p
                + " have the same priority " + p.priority() + " in the " + p.tier().apiName() + " tier and both"
                + " select " + w + ": the API leaves their relative order undefined; npv evaluates them by name"));
      }
    }
  }

  /**
   * The API does not say how v1alpha1 and v1alpha2 policies combine (ClusterNetworkPolicy replaces
   * AdminNetworkPolicy and BaselineAdminNetworkPolicy). npv keeps one Admin tier ordered by priority for
   * both kinds and puts the BaselineAdminNetworkPolicy after the Baseline-tier ClusterNetworkPolicies.
   * ClusterNetworkPolicies of v1alpha2 and v1beta1 are one resource at two versions, which a cluster holds
   * together only if its CRD serves both: they share each tier's order, with a warning too.
   */
  private void warnMixedVersions() {
    Optional<AdminPolicy> cnp = adminPolicies.stream().filter(p -> p.api() == AdminApi.CNP).findFirst();
    Optional<AdminPolicy> v1 = adminPolicies.stream().filter(p -> p.api() != AdminApi.CNP).findFirst();
    if (cnp.isPresent() && v1.isPresent()) {
      diags.warning(Codes.ADMIN_MIXED_VERSIONS, cnp.get().location(), "both v1alpha1 admin policies (e.g. "
          + v1.get() + " at " + v1.get().location() + ") and ClusterNetworkPolicies are loaded; the API"
          + " does not define how they combine. npv orders AdminNetworkPolicies and Admin-tier"
          + " ClusterNetworkPolicies by priority in one Admin tier (ties by name), and evaluates the"
          + " BaselineAdminNetworkPolicy after the Baseline-tier ClusterNetworkPolicies");
    }
    if (cnpVersions.size() > 1) {
      List<Map.Entry<String, AdminPolicy>> firsts = List.copyOf(cnpVersions.entrySet());
      Map.Entry<String, AdminPolicy> other = firsts.get(0);
      diags.warning(Codes.ADMIN_MIXED_VERSIONS, firsts.get(1).getValue().location(), "ClusterNetworkPolicies of"
          + " both " + String.join(" and ", cnpVersions.keySet()) + " are loaded (e.g. " + other.getValue() + " at "
          + other.getValue().location() + " is " + other.getKey() + "); a cluster serves them as one resource (one"
          + " object per name) only if its CRD serves both versions. npv reads each with its own version's"
          + " schema and orders all of them in the same Admin and Baseline tiers by priority (ties by name)");
    }
  }

  Cluster assemble() {
    warnMixedVersions();
    List<Workload> merged = new WorkloadGrouper(diags).group(workloads);
    Map<String, Namespace> all = new TreeMap<>(namespaces);
    for (Workload w : merged) {
      implyNamespace(all, w.namespace(), w.location(), w.kind() + " " + w.id());
    }
    for (Policy p : policies) {
      implyNamespace(all, p.namespace(), p.location(), "NetworkPolicy " + p.id());
    }
    calico.namespacesUsed().forEach((ns, at) -> implyNamespace(all, ns, at, "a Calico object"));
    for (CiliumPolicy p : ciliumPolicies) {
      if (!p.clusterwide()) {
        implyNamespace(all, p.id().namespace(), p.location(), "CiliumNetworkPolicy " + p.id());
      }
    }
    Cluster cluster = Cluster.of(all.values(), merged, policies, adminPolicies, nodes, calico.assemble(), ciliumPolicies);
    warnSamePriority(cluster);
    warnNodesPeers(cluster);
    return cluster;
  }

  private void implyNamespace(Map<String, Namespace> all, String name, SourceLocation at, String user) {
    if (all.containsKey(name)) {
      return;
    }
    all.put(name, new Namespace(name, ImmutableSortedMap.of(Namespace.NAME_LABEL, name), false, at));
    diags.warning(Codes.IMPLIED_NAMESPACE, at, "namespace '" + name + "' is used by " + user
        + " but not declared; assuming it exists with only the label " + Namespace.NAME_LABEL + "=" + name);
  }

}
