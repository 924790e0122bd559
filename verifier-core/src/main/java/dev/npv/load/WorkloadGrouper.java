package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.model.ContainerPort;
import dev.npv.model.IpAddress;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Makes one workload per controller out of whatever the input holds: pods, their controllers, both,
 * or pods whose controllers are absent.
 *
 * <ul>
 *   <li>Each object climbs its controller ownerReferences (Pod → ReplicaSet → Deployment, Pod → Job →
 *       CronJob, ...) to the outermost controller: a loaded one, or the first one that is not loaded
 *       (the pods then belong to that owner, of the kind the reference names). Where a pod's
 *       ReplicaSet (Job) is not loaded, the Deployment (CronJob) that created it is recognised by the
 *       names its controller gives: ReplicaSet {@code <deployment>-<pod-template-hash>} (the pod's
 *       {@code pod-template-hash} label), Job {@code <cronjob>-<scheduled time in minutes since the
 *       epoch>}.</li>
 *   <li>A controller's live pods are the workload: their labels, container ports and addresses. Its
 *       template (or, when its manifest is absent, those of its loaded ReplicaSets or Jobs) stands in
 *       only when no live pod of it is loaded.</li>
 *   <li>Pods of one controller that differ in labels, container ports or hostNetwork (a rollout in
 *       progress, the per-pod labels of a StatefulSet) stay apart: one {@link Workload} per group,
 *       all with the controller's kind, namespace and name, each with a {@link Workload#group()}
 *       naming the labels that set it apart.</li>
 *   <li>Pods in phase Succeeded or Failed have terminated: they hold no address and are left out.</li>
 * </ul>
 */
final class WorkloadGrouper {
  /** The label the Deployment controller puts on a ReplicaSet's pods; the ReplicaSet is {@code <deployment>-<hash>}. */
  static final String POD_TEMPLATE_HASH = "pod-template-hash";
  /** The CronJob controller names each Job {@code <cronjob>-<scheduled Unix time / 60>} (cronjob_controllerv2 getJobName). */
  private static final Pattern CRONJOB_JOB_NAME = Pattern.compile("(.+)-([0-9]+)");
  private static final List<String> JOB_NAME_LABELS = List.of("batch.kubernetes.io/job-name", "job-name");
  /** Longer owner chains than this are not built by any Kubernetes controller; cycles stop here too. */
  private static final int MAX_OWNER_DEPTH = 8;

  /** A controller or bare pod: the identity one workload (or its groups) is named after. */
  private record Owner(WorkloadKind kind, String namespace, String name) {
    static Owner of(Workload w) {
      return new Owner(w.kind(), w.namespace(), w.name());
    }

    @Override
    public String toString() {
      return kind + " " + namespace + "/" + name;
    }
  }

  /** How an object reached its owner when a link had to be recognised by name. */
  private record Root(Owner owner, Optional<String> inferredVia) {
  }

  /** What the input holds of one owner. */
  private static final class Members {
    WorkloadReader.Candidate manifest;
    final List<WorkloadReader.Candidate> livePods = new ArrayList<>();
    final List<WorkloadReader.Candidate> terminatedPods = new ArrayList<>();
    /** Loaded controllers between the owner and its pods (ReplicaSets of a Deployment, Jobs of a CronJob). */
    final List<WorkloadReader.Candidate> controllers = new ArrayList<>();
    final Set<String> inferredVia = new TreeSet<>();
  }

  private final Diagnostics diags;
  private final Map<Owner, WorkloadReader.Candidate> loaded = new LinkedHashMap<>();

  WorkloadGrouper(Diagnostics diags) {
    this.diags = diags;
  }

  /** The workloads of {@code candidates} (in input order), grouped as the class comment says. */
  List<Workload> group(Collection<WorkloadReader.Candidate> candidates) {
    candidates.forEach(c -> loaded.put(Owner.of(c.workload()), c));
    Map<Owner, Members> byOwner = new LinkedHashMap<>();
    for (WorkloadReader.Candidate c : candidates) {
      Root root = root(c);
      Members m = byOwner.computeIfAbsent(root.owner(), k -> new Members());
      root.inferredVia().ifPresent(m.inferredVia::add);
      if (root.owner().equals(Owner.of(c.workload()))) {
        m.manifest = c;
      }
      if (c.workload().kind() == WorkloadKind.Pod) {
        (c.terminated() ? m.terminatedPods : m.livePods).add(c);
      } else if (m.manifest != c) {
        m.controllers.add(c);
      }
    }
    List<Workload> out = new ArrayList<>();
    byOwner.forEach((owner, m) -> out.addAll(workloads(owner, m)));
    return out;
  }

  private List<Workload> workloads(Owner owner, Members m) {
    noteTerminated(owner, m);
    noteInferred(owner, m);
    if (owner.kind() == WorkloadKind.Pod) { // a bare pod (or one whose controller npv cannot name)
      return m.livePods.stream().map(WorkloadReader.Candidate::workload).toList();
    }
    List<WorkloadReader.Candidate> members = m.livePods;
    if (members.isEmpty()) {
      // No pod of it is loaded: the template stands in; without the manifest, its controllers' do.
      members = m.manifest != null ? List.of(m.manifest) : m.controllers;
    }
    if (m.manifest == null && !members.isEmpty()) {
      noteMissingOwner(owner, m, members);
    }
    SourceLocation at = m.manifest != null ? m.manifest.workload().location() : members.isEmpty()
        ? SourceLocation.UNKNOWN : members.get(0).workload().location();
    Map<List<Object>, List<WorkloadReader.Candidate>> groups = new LinkedHashMap<>();
    for (WorkloadReader.Candidate c : members) {
      Workload w = c.workload();
      groups.computeIfAbsent(List.of(w.labels(), w.ports(), w.hostNetwork()), k -> new ArrayList<>()).add(c);
    }
    List<Workload> out = new ArrayList<>();
    for (List<WorkloadReader.Candidate> g : groups.values()) {
      Workload first = g.get(0).workload();
      Set<IpAddress> ips = new LinkedHashSet<>();
      g.forEach(c -> ips.addAll(c.workload().podIps()));
      out.add(new Workload(owner.kind(), owner.namespace(), owner.name(), first.labels(), first.ports(),
          ImmutableList.copyOf(ips), first.hostNetwork(), at));
    }
    if (out.size() > 1) {
      out = named(out);
      noteGroups(owner, out, groups.values());
    }
    return out;
  }

  /**
   * Gives each group of one owner a name from what sets it apart: the labels on which the groups
   * differ ({@code key=value}, or {@code !key} where the group lacks it), else the container ports,
   * else hostNetwork.
   */
  private static List<Workload> named(List<Workload> groups) {
    Set<String> keys = new TreeSet<>();
    groups.forEach(g -> keys.addAll(g.labels().keySet()));
    keys.removeIf(k -> groups.stream().map(g -> Optional.ofNullable(g.labels().get(k))).distinct().count() == 1);
    boolean portsDiffer = groups.stream().map(Workload::ports).distinct().count() > 1;
    boolean hostNetworkDiffers = groups.stream().map(Workload::hostNetwork).distinct().count() > 1;
    List<Workload> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Workload g : groups) {
      List<String> parts = new ArrayList<>();
      keys.forEach(k -> parts.add(g.labels().containsKey(k) ? k + "=" + g.labels().get(k) : "!" + k));
      if (portsDiffer && keys.isEmpty()) {
        parts.add(g.ports().isEmpty() ? "no container ports" : "container ports " + g.ports().stream()
            .map(WorkloadGrouper::port).collect(Collectors.joining(",")));
      }
      if (hostNetworkDiffers && keys.isEmpty() && !portsDiffer) {
        parts.add(g.hostNetwork() ? "hostNetwork" : "pod network");
      }
      String name = String.join(",", parts);
      for (int n = 2; !used.add(name); n++) { // cannot happen with the grouping key above; kept unique anyway
        name = String.join(",", parts) + " #" + n;
      }
      out.add(g.inGroup(name));
    }
    return out;
  }

  private static String port(ContainerPort p) {
    return p.name().map(n -> n + ":").orElse("") + p.port() + "/" + p.protocol();
  }

  /** The owner {@code c} belongs to: its outermost controller, loaded or not. */
  private Root root(WorkloadReader.Candidate c) {
    Owner cur = Owner.of(c.workload());
    ObjectMeta meta = c.meta();
    Optional<String> inferred = Optional.empty();
    Set<Owner> seen = new HashSet<>(List.of(cur));
    for (int depth = 0; depth < MAX_OWNER_DEPTH; depth++) {
      Optional<ObjectMeta.OwnerRef> ref = meta.controller();
      if (ref.isEmpty()) {
        break;
      }
      Optional<WorkloadKind> kind = WorkloadKind.ofOwner(ref.get().apiVersion(), ref.get().kind());
      if (kind.isEmpty()) {
        if (cur.equals(Owner.of(c.workload()))) {
          diags.note(Codes.OWNER_NOT_LOADED, c.workload().location(), c.workload().kind() + " "
              + c.workload().id() + " is controlled by " + ref.get().kind() + " " + ref.get().name() + " ("
              + ref.get().apiVersion() + "), which npv does not model; kept as a workload of its own");
        }
        break;
      }
      Owner parent = new Owner(kind.get(), cur.namespace(), ref.get().name());
      WorkloadReader.Candidate loadedParent = loaded.get(parent);
      if (loadedParent == null && cur.equals(Owner.of(c.workload()))) {
        Optional<WorkloadReader.Candidate> creator = creator(parent, c.workload().labels());
        if (creator.isPresent()) {
          inferred = Optional.of(parent.toString());
          parent = Owner.of(creator.get().workload());
          loadedParent = creator.get();
        }
      }
      if (!seen.add(parent)) {
        // An ownership cycle: no controller builds one, and no object in it owns the others.
        return new Root(Owner.of(c.workload()), Optional.empty());
      }
      cur = parent;
      if (loadedParent == null) {
        break; // an owner that is not loaded: the pods are its, under its name and kind
      }
      meta = loadedParent.meta();
    }
    return new Root(cur, inferred);
  }

  /**
   * The loaded Deployment (CronJob) that created the ReplicaSet (Job) {@code absent}, recognised by
   * the name its controller gives it: {@code <deployment>-<hash>} with the pod's
   * {@code pod-template-hash} label as the hash, or {@code <cronjob>-<minutes since the epoch>} (and
   * the pod's job-name label, when present, naming that Job).
   */
  private Optional<WorkloadReader.Candidate> creator(Owner absent, ImmutableSortedMap<String, String> podLabels) {
    if (absent.kind() == WorkloadKind.ReplicaSet) {
      String hash = podLabels.get(POD_TEMPLATE_HASH);
      String suffix = "-" + hash;
      if (hash == null || hash.isEmpty() || !absent.name().endsWith(suffix)) {
        return Optional.empty();
      }
      String deployment = absent.name().substring(0, absent.name().length() - suffix.length());
      return Optional.ofNullable(loaded.get(new Owner(WorkloadKind.Deployment, absent.namespace(), deployment)));
    }
    if (absent.kind() == WorkloadKind.Job) {
      Matcher m = CRONJOB_JOB_NAME.matcher(absent.name());
      boolean labelsAgree = JOB_NAME_LABELS.stream().map(podLabels::get)
          .allMatch(v -> v == null || v.equals(absent.name()));
      if (!m.matches() || !labelsAgree) {
        return Optional.empty();
      }
      return Optional.ofNullable(loaded.get(new Owner(WorkloadKind.CronJob, absent.namespace(), m.group(1))));
    }
    return Optional.empty();
  }

  private void noteTerminated(Owner owner, Members m) {
    if (m.terminatedPods.isEmpty()) {
      return;
    }
    List<String> names = m.terminatedPods.stream().map(c -> c.workload().name() + " (" + c.phase().orElseThrow()
        + ")").toList();
    String whose = owner.kind() == WorkloadKind.Pod ? "" : " of " + owner;
    diags.note(Codes.POD_TERMINATED, m.terminatedPods.get(0).workload().location(), names.size() == 1
        ? "pod " + owner.namespace() + "/" + names.get(0) + whose + " has terminated: it has no network and is left out"
        : names.size() + " pods" + whose + " have terminated: they have no network and are left out: "
            + abbreviated(names));
  }

  private void noteInferred(Owner owner, Members m) {
    if (!m.inferredVia.isEmpty()) {
      // At the owner's manifest, unless the chain went on past it to an owner that is not loaded.
      SourceLocation at = m.manifest != null ? m.manifest.workload().location()
          : m.livePods.isEmpty() ? m.terminatedPods.get(0).workload().location() : m.livePods.get(0).workload().location();
      diags.note(Codes.OWNER_INFERRED, at, "pods of " + abbreviated(List.copyOf(m.inferredVia))
          + ", which " + (m.inferredVia.size() == 1 ? "is" : "are") + " not in the input, belong to " + owner
          + ", as the names their controllers give show (ReplicaSet <deployment>-<pod-template-hash>, Job"
          + " <cronjob>-<scheduled minute>)");
    }
  }

  private void noteMissingOwner(Owner owner, Members m, List<WorkloadReader.Candidate> members) {
    List<String> names = members.stream().map(c -> c.workload().kind() + " " + c.workload().name()).toList();
    diags.note(Codes.OWNER_NOT_LOADED, members.get(0).workload().location(), owner + " is not in the input;"
        + " its " + abbreviated(names) + " are shown as one workload " + owner.namespace() + "/" + owner.name()
        + " of kind " + owner.kind());
  }

  private void noteGroups(Owner owner, List<Workload> named, Collection<List<WorkloadReader.Candidate>> groups) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    for (List<WorkloadReader.Candidate> g : groups) {
      parts.add("[" + named.get(i++).group().orElseThrow() + "] " + g.size() + (g.get(0).workload().kind()
          == WorkloadKind.Pod ? g.size() == 1 ? " pod" : " pods" : " template"));
    }
    diags.note(Codes.WORKLOAD_GROUPS, named.get(0).location(), owner + ": its pods differ (e.g. a rollout in"
        + " progress), so they are kept as " + named.size() + " groups of one workload: " + abbreviated(parts));
  }

  private static String abbreviated(List<String> items) {
    int shown = Math.min(items.size(), 10);
    return String.join(", ", items.subList(0, shown)) + (items.size() > shown ? ", and "
        + (items.size() - shown) + " more" : "");
  }
}
