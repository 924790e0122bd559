package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostics;
import dev.npv.model.ContainerPort;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Pod, or the pod template of a workload controller, into a {@link Workload}. Strict only in
 * the parts npv reads (metadata, labels, container ports, hostNetwork, pod IPs); the rest of a pod
 * spec is tolerated, since it is large and evolves with every Kubernetes release.
 */
final class WorkloadReader {
  private static final ImmutableSet<String> CONTAINER_PORT_FIELDS =
      ImmutableSet.of("name", "containerPort", "protocol", "hostPort", "hostIP");
  private static final ImmutableSet<String> POD_IP_FIELDS = ImmutableSet.of("ip");

  /**
   * A workload read from one manifest, with the metadata the assembler needs to find its controller.
   * {@code phase} is a Pod's {@code status.phase}, when given.
   */
  record Candidate(Workload workload, ObjectMeta meta, Optional<String> phase) {
    /** A pod that has terminated (Completed, Evicted, ...): it holds no address and serves nothing. */
    boolean terminated() {
      return phase.filter(p -> p.equals("Succeeded") || p.equals("Failed")).isPresent();
    }
  }

  private final Diagnostics diags;

  WorkloadReader(Diagnostics diags) {
    this.diags = diags;
  }

  Optional<Candidate> read(Manifest m, ObjectMeta meta, WorkloadKind kind) {
    Fields object = m.object().known(PolicyReader.OBJECT_FIELDS);
    int errorsBefore = diags.errorCount();
    ImmutableSortedMap<String, String> labels;
    Optional<Fields> podSpec;
    ImmutableList<IpAddress> ips = ImmutableList.of();
    Optional<String> phase = Optional.empty();
    if (kind == WorkloadKind.Pod) {
      labels = meta.labels();
      podSpec = object.object("spec", "PodSpec");
      ips = podIps(object);
      phase = object.object("status", "PodStatus").flatMap(s -> s.string("phase"));
    } else {
      Optional<Fields> spec = object.requireObject("spec", kind + "Spec");
      if (kind == WorkloadKind.CronJob) {
        spec = spec.flatMap(s -> s.requireObject("jobTemplate", "JobTemplateSpec"))
            .flatMap(t -> t.requireObject("spec", "JobSpec"));
      }
      Optional<Fields> template = spec.flatMap(s -> s.requireObject("template", "PodTemplateSpec"));
      labels = template.map(t -> MetadataReader.templateLabels(t, diags)).orElse(ImmutableSortedMap.of());
      podSpec = template.flatMap(t -> t.object("spec", "PodSpec"));
    }
    ImmutableList<ContainerPort> ports = podSpec.map(this::containerPorts).orElse(ImmutableList.of());
    boolean hostNetwork = podSpec.flatMap(s -> s.bool("hostNetwork")).orElse(false);
    String namespace = PolicyNormalizer.namespace(meta.namespace());
    if (hostNetwork) {
      diags.warning(Codes.HOST_NETWORK, podSpec.get().keyLocation("hostNetwork"), kind + " " + namespace + "/"
          + meta.name() + " uses hostNetwork: NetworkPolicy selectors do not match it, its traffic is"
          + " node traffic, and Kubernetes always allows traffic between a node and its own pods, which npv"
          + " does not model (results hold for pods on other nodes)");
    }
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Candidate(new Workload(kind, namespace, meta.name(), labels, ports, ips, hostNetwork,
        m.location()), meta, phase));
  }

  private ImmutableList<ContainerPort> containerPorts(Fields podSpec) {
    List<ContainerPort> out = new ArrayList<>();
    for (String key : List.of("initContainers", "containers")) {
      for (YNode c : podSpec.list(key).orElse(ImmutableList.of())) {
        Optional<Fields> container = Fields.of(c, "Container", diags);
        // A plain init container has exited before the pod serves; only sidecars (restartPolicy:
        // Always) keep their ports while the app runs.
        if (key.equals("initContainers")
            && !container.flatMap(f -> f.string("restartPolicy")).map("Always"::equals).orElse(false)) {
          continue;
        }
        container.flatMap(f -> f.list("ports")).ifPresent(ports -> {
          for (YNode p : ports) {
            containerPort(p).ifPresent(out::add);
          }
        });
      }
    }
    return ImmutableList.copyOf(out);
  }

  private Optional<ContainerPort> containerPort(YNode node) {
    Optional<Fields> f = Fields.of(node, "ContainerPort", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields p = f.get().known(CONTAINER_PORT_FIELDS);
    Optional<String> name = p.string("name");
    boolean ok = true;
    if (name.isPresent()) {
      Optional<String> problem = K8sNames.portNameProblem(name.get());
      if (problem.isPresent()) {
        diags.error(Codes.PORT_NAME, p.valueLocation("name"), "invalid container port name '" + name.get()
            + "': " + problem.get());
        ok = false;
      }
    }
    Optional<Integer> number = p.require("containerPort")
        .flatMap(n -> Fields.asInteger(n, "'containerPort' in ContainerPort", diags)
            .filter(v -> PortReader.checkRange(v, n, "containerPort", diags)));
    Optional<Protocol> protocol = PortReader.protocol(p, "protocol", diags);
    if (!ok || number.isEmpty() || (p.has("protocol") && protocol.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new ContainerPort(name, number.get(), PolicyNormalizer.protocol(protocol)));
  }

  /** status.podIP and status.podIPs[].ip, deduplicated in order. */
  private ImmutableList<IpAddress> podIps(Fields pod) {
    Optional<Fields> status = pod.object("status", "PodStatus");
    if (status.isEmpty()) {
      return ImmutableList.of();
    }
    Set<IpAddress> ips = new LinkedHashSet<>();
    Fields s = status.get();
    s.string("podIP").flatMap(t -> ip(t, s.node("podIP").orElseThrow(), "pod IP", diags)).ifPresent(ips::add);
    for (YNode item : s.list("podIPs").orElse(ImmutableList.of())) {
      Fields.of(item, "PodIP", diags).map(f -> f.known(POD_IP_FIELDS))
          .flatMap(f -> f.string("ip").flatMap(t -> ip(t, f.node("ip").orElseThrow(), "pod IP", diags)))
          .ifPresent(ips::add);
    }
    return ImmutableList.copyOf(ips);
  }

  /** A plain address as the API server accepts it (no prefix); {@code what} names it in the error. */
  static Optional<IpAddress> ip(String text, YNode at, String what, Diagnostics diags) {
    Optional<IpAddress> ip = IpAddress.parse(text).filter(a -> !text.contains("/"));
    if (ip.isEmpty()) {
      diags.error(Codes.IP, at.location(), "invalid " + what + " '" + text + "'");
    }
    return ip;
  }
}
