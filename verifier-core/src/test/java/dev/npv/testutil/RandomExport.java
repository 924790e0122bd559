package dev.npv.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The workloads of a random cluster export as kubectl prints them, read back by the loader: pods with
 * controller ownerReferences whose owners are sometimes absent (a Deployment's ReplicaSet, a CronJob's
 * Job, or the controller itself), rollouts whose pods differ in labels, and pods that have terminated
 * (Succeeded, Failed) or have no address yet (Pending). {@link #check()} asserts that the loader made
 * one workload (group) per controller and label set, with the live pods' addresses only.
 */
public final class RandomExport {
  private static final String[] KINDS = {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
      "ReplicationController", "Job", "CronJob"};

  /** A pod as written, with the owner the loader must give it (empty when it has terminated). */
  private record PodFact(String ip, Map<String, String> labels, String ownerKind, String ownerId, boolean live) {
  }

  private final Random r;
  private final String[] keys;
  private final String[] values;
  private final String[] portNames;
  private final int[] containerPorts;
  private final StringBuilder yaml = new StringBuilder();
  private final List<PodFact> pods = new ArrayList<>();
  private int nextIp = 1;
  private List<Workload> workloads;

  /** Label keys and values, container port names and numbers to draw from (the caller's vocabulary). */
  public RandomExport(Random r, String[] keys, String[] values, String[] portNames, int[] containerPorts) {
    this.r = r;
    this.keys = keys;
    this.values = values;
    this.portNames = portNames;
    this.containerPorts = containerPorts;
  }

  /** Writes {@code owners} random owners in the given namespaces and loads them. */
  public List<Workload> workloads(int owners, List<String> namespaces) throws Exception {
    for (int i = 0; i < owners; i++) {
      owner("w" + i, namespaces.get(r.nextInt(namespaces.size())));
    }
    workloads = new ClusterLoader().loadTexts(List.of(new SourceText("export.yaml", yaml.toString())),
        LoadOptions.defaults()).cluster().workloads();
    return workloads;
  }

  public String yaml() {
    return yaml.toString();
  }

  private void owner(String name, String ns) {
    String kind = KINDS[r.nextInt(KINDS.length)];
    Map<String, String> base = new TreeMap<>();
    for (String k : keys) {
      if (r.nextInt(3) != 0) {
        base.put(k, values[r.nextInt(values.length)]);
      }
    }
    String ports = ports();
    if (kind.equals("Pod")) {
      pod(name, ns, base, ports, "", "Pod", ns + "/" + name, r.nextInt(10) == 0);
      return;
    }
    boolean manifest = r.nextInt(3) != 0;
    if (manifest) {
      object(apiVersion(kind), kind, name, ns, Map.of(), "", templateSpec(kind, base, ports));
    }
    int revisions = r.nextInt(3) == 0 ? 2 : 1;
    for (int g = 0; g < revisions; g++) {
      Map<String, String> labels = new TreeMap<>(base);
      if (revisions > 1) { // a rollout that changes a label: the groups differ in it
        labels.put(keys[0], values[g]);
      }
      String revisionPorts = g == 1 && r.nextInt(4) == 0 ? ports() : ports;
      // The controller that owns the pods, and the owner the loader must give them.
      String podOwnerKind = kind;
      String podOwner = name;
      String expectedKind = kind;
      String expectedName = name;
      if (kind.equals("Deployment")) {
        String hash = "5d8c" + g + "f";
        labels.put("pod-template-hash", hash);
        podOwnerKind = "ReplicaSet";
        podOwner = name + "-" + hash;
        boolean replicaSet = r.nextBoolean();
        if (replicaSet) {
          object("apps/v1", "ReplicaSet", podOwner, ns, Map.of("Deployment", name), "",
              templateSpec("ReplicaSet", labels, revisionPorts));
        }
        if (!manifest && !replicaSet) { // nothing names the Deployment but the ReplicaSet's name
          expectedKind = "ReplicaSet";
          expectedName = podOwner;
        }
      } else if (kind.equals("CronJob")) {
        podOwnerKind = "Job";
        podOwner = name + "-2941236" + g;
        boolean job = r.nextBoolean();
        if (job) {
          object("batch/v1", "Job", podOwner, ns, Map.of("CronJob", name), "", templateSpec("Job", labels, revisionPorts));
        }
        if (!manifest && !job) {
          expectedKind = "Job";
          expectedName = podOwner;
        }
      }
      for (int p = r.nextInt(3); p > 0; p--) {
        pod(podOwner + "-" + g + p, ns, labels, revisionPorts, podOwnerKind + "|" + podOwner, expectedKind,
            ns + "/" + expectedName, false);
      }
    }
  }

  private void pod(String name, String ns, Map<String, String> labels, String ports, String owner,
                   String expectedKind, String expectedId, boolean hostNetwork) {
    int phase = r.nextInt(10);
    String status;
    if (nextIp % 10 == 9) {
      nextIp++; // x.9 is a node's address in the differential tests' vocabulary
    }
    String ip = hostNetwork ? "192.168.1." + nextIp++ : r.nextInt(6) == 0 ? "fd00::" + nextIp++ : "10.0.0." + nextIp++;
    boolean live = phase < 8;
    if (phase < 7) {
      status = "{phase: Running, podIP: \"" + ip + "\", podIPs: [{ip: \"" + ip + "\"}]}";
    } else if (phase == 7) {
      status = "{phase: Pending}";
      ip = null;
    } else {
      // A Succeeded pod keeps its address in status; an evicted one usually has none.
      status = phase == 8 ? "{phase: Succeeded, podIP: \"" + ip + "\", podIPs: [{ip: \"" + ip + "\"}]}"
          : "{phase: Failed, reason: Evicted}";
    }
    Map<String, String> owners = new LinkedHashMap<>();
    if (!owner.isEmpty()) {
      owners.put(owner.substring(0, owner.indexOf('|')), owner.substring(owner.indexOf('|') + 1));
    }
    object("v1", "Pod", name, ns, owners, labels(labels), "spec: {" + (hostNetwork ? "hostNetwork: true, " : "")
        + "containers: [{name: c, image: i" + ports + "}]}\nstatus: " + status + "\n");
    pods.add(new PodFact(ip, labels, expectedKind, expectedId, live));
  }

  private String ports() {
    List<String> names = new ArrayList<>(List.of(portNames));
    List<String> out = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      String name = names.remove(r.nextInt(names.size())); // unique within a pod, as the API requires
      out.add("{name: " + name + ", containerPort: " + containerPorts[r.nextInt(containerPorts.length)]
          + (r.nextInt(3) == 0 ? ", protocol: UDP" : "") + "}");
    }
    return out.isEmpty() ? "" : ", ports: [" + String.join(", ", out) + "]";
  }

  private String templateSpec(String kind, Map<String, String> labels, String ports) {
    String template = "{metadata: {labels: {" + flow(labels) + "}}, spec: {containers: [{name: c, image: i" + ports
        + "}]}}";
    String spec = kind.equals("CronJob") ? "{schedule: \"0 * * * *\", jobTemplate: {spec: {template: " + template + "}}}"
        : "{template: " + template + "}";
    return "spec: " + spec + "\n";
  }

  private void object(String apiVersion, String kind, String name, String ns, Map<String, String> owners,
                      String labels, String rest) {
    yaml.append("apiVersion: ").append(apiVersion).append("\nkind: ").append(kind).append("\nmetadata:\n  name: ")
        .append(name).append("\n  namespace: ").append(ns).append('\n').append(labels);
    owners.forEach((k, n) -> yaml.append("  ownerReferences: [{apiVersion: ").append(apiVersion(k)).append(", kind: ")
        .append(k).append(", name: ").append(n).append(", uid: u-").append(n).append(", controller: true}]\n"));
    yaml.append(rest).append("---\n");
  }

  private static String labels(Map<String, String> labels) {
    return labels.isEmpty() ? "" : "  labels: {" + flow(labels) + "}\n";
  }

  private static String flow(Map<String, String> labels) {
    return labels.entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
        .collect(Collectors.joining(", "));
  }

  private static String apiVersion(String kind) {
    return switch (kind) {
      case "Pod", "ReplicationController" -> "v1";
      case "Job", "CronJob" -> "batch/v1";
      default -> "apps/v1";
    };
  }

  /**
   * Each live pod's address is in exactly one workload: its owner's (kind and {@code ns/name}), with
   * the pod's labels; a terminated pod's address is in none; an owner has one workload per label set.
   */
  public void check() {
    for (PodFact p : pods) {
      if (p.ip() == null) {
        continue;
      }
      List<Workload> holders = workloads.stream().filter(w -> w.podIps().stream().anyMatch(a -> a.toString()
          .equals(p.ip()))).toList();
      String where = p + " in\n" + yaml;
      if (!p.live()) {
        assertEquals(List.of(), holders, "terminated " + where);
        continue;
      }
      assertEquals(1, holders.size(), where);
      Workload w = holders.get(0);
      assertEquals(p.ownerKind() + " " + p.ownerId() + " " + p.labels(),
          w.kind() + " " + w.id() + " " + w.labels(), where);
    }
    Map<String, Set<Map<String, String>>> labelSets = new TreeMap<>();
    pods.stream().filter(PodFact::live).forEach(p -> labelSets.computeIfAbsent(p.ownerKind() + " " + p.ownerId(),
        k -> new HashSet<>()).add(p.labels()));
    labelSets.forEach((owner, sets) -> {
      long groups = workloads.stream().filter(w -> (w.kind() + " " + w.id()).equals(owner)).map(Workload::labels)
          .distinct().count();
      assertEquals(sets.size(), groups, owner + " in\n" + yaml);
    });
    assertEquals(workloads.size(), workloads.stream().map(w -> w.kind() + w.displayName()).distinct().count(),
        "two workloads share a kind, name and group");
    assertEquals(List.of(), workloads.stream().filter(w -> w.kind() == WorkloadKind.Pod
        && pods.stream().noneMatch(p -> p.ownerKind().equals("Pod") && p.ownerId().equals(w.id()))).toList());
  }
}
