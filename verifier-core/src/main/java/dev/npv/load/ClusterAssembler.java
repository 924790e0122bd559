package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminTier;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Puts the objects read from all inputs together: rejects duplicates (the second object with the same
 * kind, namespace and name would silently replace the first on {@code kubectl apply}), merges pods into
 * the loaded controller that owns them, and creates the namespaces that are used but not declared.
 */
final class ClusterAssembler {
  private final Diagnostics diags;
  private final Map<String, SourceLocation> seen = new HashMap<>();
  private final Map<String, Namespace> namespaces = new TreeMap<>();
  private final Map<String, WorkloadReader.Candidate> workloads = new LinkedHashMap<>();
  private final List<Policy> policies = new ArrayList<>();
  private final List<AdminPolicy> adminPolicies = new ArrayList<>();

  ClusterAssembler(Diagnostics diags) {
    this.diags = diags;
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
    workloads.put(key(c.workload().kind(), c.workload().namespace(), c.workload().name()), c);
  }

  void addPolicy(Policy p) {
    policies.add(p);
  }

  void addAdminPolicy(AdminPolicy p) {
    adminPolicies.add(p);
  }

  /** "The behavior is undefined if two ANP objects have same priority" (AdminNetworkPolicySpec.priority). */
  private void warnSamePriority() {
    Map<Integer, AdminPolicy> byPriority = new HashMap<>();
    adminPolicies.stream().filter(p -> p.tier() == AdminTier.ADMIN).sorted(AdminPolicy.ORDER).forEach(p -> {
      AdminPolicy first = byPriority.putIfAbsent(p.priority(), p);
      if (first != null) {
        diags.warning(Codes.ADMIN_SAME_PRIORITY, p.location(), "AdminNetworkPolicies " + first.name() + " (at "
            + first.location() + ") and " + p.name() + " have the same priority " + p.priority()
            + ": the API leaves their relative order undefined; npv evaluates them by name");
      }
    });
  }

  Cluster assemble() {
    warnSamePriority();
    List<Workload> merged = mergeOwned();
    Map<String, Namespace> all = new TreeMap<>(namespaces);
    for (Workload w : merged) {
      implyNamespace(all, w.namespace(), w.location(), w.kind() + " " + w.id());
    }
    for (Policy p : policies) {
      implyNamespace(all, p.namespace(), p.location(), "NetworkPolicy " + p.id());
    }
    return Cluster.of(all.values(), merged, policies, adminPolicies);
  }

  /**
   * A pod (or ReplicaSet, Job) whose controller owner is loaded is one of the owner's replicas: its
   * IPs join the owner's, following chains such as Pod -> ReplicaSet -> Deployment. When the owner is
   * not loaded the object stays a workload of its own (with a note).
   */
  private List<Workload> mergeOwned() {
    Map<String, Set<IpAddress>> extraIps = new HashMap<>();
    List<WorkloadReader.Candidate> roots = new ArrayList<>();
    for (WorkloadReader.Candidate c : workloads.values()) {
      Optional<WorkloadReader.Candidate> root = root(c);
      if (root.isEmpty()) {
        roots.add(c);
      } else {
        extraIps.computeIfAbsent(keyOf(root.get()), k -> new LinkedHashSet<>()).addAll(c.workload().podIps());
      }
    }
    List<Workload> out = new ArrayList<>();
    for (WorkloadReader.Candidate c : roots) {
      Workload w = c.workload();
      Set<IpAddress> extra = extraIps.get(keyOf(c));
      if (extra != null) {
        LinkedHashSet<IpAddress> ips = new LinkedHashSet<>(w.podIps());
        ips.addAll(extra);
        w = new Workload(w.kind(), w.namespace(), w.name(), w.labels(), w.ports(), ImmutableList.copyOf(ips),
            w.hostNetwork(), w.location());
      }
      out.add(w);
    }
    return out;
  }

  /** The outermost loaded controller of {@code c}, or empty when its controller is not loaded. */
  private Optional<WorkloadReader.Candidate> root(WorkloadReader.Candidate c) {
    WorkloadReader.Candidate cur = c;
    for (int depth = 0; depth < 8; depth++) {
      Optional<ObjectMeta.OwnerRef> owner = cur.meta().controller();
      if (owner.isEmpty()) {
        break;
      }
      Optional<WorkloadKind> kind = WorkloadKind.parse(owner.get().kind());
      WorkloadReader.Candidate parent = kind.isEmpty() ? null
          : workloads.get(key(kind.get(), cur.workload().namespace(), owner.get().name()));
      if (parent == null || parent == c) {
        if (cur == c) {
          diags.note(Codes.OWNER_NOT_LOADED, c.workload().location(), c.workload().kind() + " "
              + c.workload().id() + " is controlled by " + owner.get().kind() + " " + owner.get().name()
              + ", which is not in the input; kept as a workload of its own");
        }
        break;
      }
      cur = parent;
    }
    return cur == c ? Optional.empty() : Optional.of(cur);
  }

  private void implyNamespace(Map<String, Namespace> all, String name, SourceLocation at, String user) {
    if (all.containsKey(name)) {
      return;
    }
    all.put(name, new Namespace(name, ImmutableSortedMap.of(Namespace.NAME_LABEL, name), false, at));
    diags.warning(Codes.IMPLIED_NAMESPACE, at, "namespace '" + name + "' is used by " + user
        + " but not declared; assuming it exists with only the label " + Namespace.NAME_LABEL + "=" + name);
  }

  private static String keyOf(WorkloadReader.Candidate c) {
    return key(c.workload().kind(), c.workload().namespace(), c.workload().name());
  }

  private static String key(WorkloadKind kind, String namespace, String name) {
    return kind + "|" + namespace + "|" + name;
  }
}
