package dev.npv.testutil;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Rule;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Test-only builders for model records, so tests do not depend on the YAML loader. */
public final class Dsl {
  private static final SourceLocation LOC = SourceLocation.UNKNOWN;

  private Dsl() {
  }

  /** {@code labels("a", "1", "b", "2")}. */
  public static ImmutableSortedMap<String, String> labels(String... kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    ImmutableSortedMap.Builder<String, String> b = ImmutableSortedMap.naturalOrder();
    for (int i = 0; i < kv.length; i += 2) {
      b.put(kv[i], kv[i + 1]);
    }
    return b.build();
  }

  /** A declared namespace with its labels plus the metadata.name label the control plane adds. */
  public static Namespace ns(String name, String... kv) {
    TreeMap<String, String> l = new TreeMap<>(labels(kv));
    l.put(Namespace.NAME_LABEL, name);
    return new Namespace(name, ImmutableSortedMap.copyOf(l), true, LOC);
  }

  public static Workload pod(String ns, String name, String... kv) {
    return workload(WorkloadKind.Pod, ns, name, kv);
  }

  public static Workload deployment(String ns, String name, String... kv) {
    return workload(WorkloadKind.Deployment, ns, name, kv);
  }

  public static Workload workload(WorkloadKind kind, String ns, String name, String... kv) {
    return new Workload(kind, ns, name, labels(kv), ImmutableList.of(), ImmutableList.of(), false, LOC);
  }

  public static Workload withIps(Workload w, String... ips) {
    return new Workload(w.kind(), w.namespace(), w.name(), w.labels(), w.ports(),
        Arrays.stream(ips).map(s -> IpAddress.parse(s).orElseThrow()).collect(ImmutableList.toImmutableList()),
        w.hostNetwork(), w.location());
  }

  public static Workload withPorts(Workload w, ContainerPort... ports) {
    return new Workload(w.kind(), w.namespace(), w.name(), w.labels(), ImmutableList.copyOf(ports),
        w.podIps(), w.hostNetwork(), w.location());
  }

  public static Workload hostNetwork(Workload w) {
    return new Workload(w.kind(), w.namespace(), w.name(), w.labels(), w.ports(), w.podIps(), true,
        w.location());
  }

  public static ContainerPort containerPort(String name, int port, Protocol protocol) {
    return new ContainerPort(Optional.ofNullable(name), port, protocol);
  }

  // ---- selectors

  public static LabelSelector sel(String... kv) {
    return LabelSelector.matchLabels(labels(kv));
  }

  public static LabelSelector sel(ImmutableSortedMap<String, String> matchLabels, SelectorRequirement... exprs) {
    return new LabelSelector(matchLabels, ImmutableList.copyOf(exprs));
  }

  public static SelectorRequirement req(String key, SelectorOperator op, String... values) {
    return new SelectorRequirement(key, op, ImmutableSortedSet.copyOf(values));
  }

  // ---- peers

  /** podSelector only: pods of the policy's namespace. */
  public static Peer podPeer(LabelSelector podSelector) {
    return new Peer.Pods(Optional.empty(), Optional.of(podSelector));
  }

  /** namespaceSelector only: every pod of the matching namespaces. */
  public static Peer nsPeer(LabelSelector nsSelector) {
    return new Peer.Pods(Optional.of(nsSelector), Optional.empty());
  }

  /** Both selectors in one peer (AND). */
  public static Peer nsPodPeer(LabelSelector nsSelector, LabelSelector podSelector) {
    return new Peer.Pods(Optional.of(nsSelector), Optional.of(podSelector));
  }

  public static Peer ipPeer(String cidr, String... except) {
    return new Peer.Addresses(new IpBlock(Cidr.of(cidr),
        Arrays.stream(except).map(Cidr::of).collect(ImmutableList.toImmutableList())));
  }

  // ---- ports

  public static PolicyPort tcp(int port) {
    return new PolicyPort(Protocol.TCP, new PortSpec.Range(port, port));
  }

  public static PolicyPort udp(int port) {
    return new PolicyPort(Protocol.UDP, new PortSpec.Range(port, port));
  }

  public static PolicyPort range(Protocol p, int first, int last) {
    return new PolicyPort(p, new PortSpec.Range(first, last));
  }

  public static PolicyPort anyPort(Protocol p) {
    return new PolicyPort(p, new PortSpec.AnyPort());
  }

  public static PolicyPort named(Protocol p, String name) {
    return new PolicyPort(p, new PortSpec.Named(name));
  }

  // ---- rules and policies

  /** A rule before it knows its direction and index. */
  public record RuleSpec(ImmutableList<Peer> peers, ImmutableList<PolicyPort> ports) {
  }

  public static RuleSpec rule(List<Peer> peers, List<PolicyPort> ports) {
    return new RuleSpec(ImmutableList.copyOf(peers), ImmutableList.copyOf(ports));
  }

  public static RuleSpec from(Peer... peers) {
    return new RuleSpec(ImmutableList.copyOf(peers), ImmutableList.of());
  }

  public static RuleSpec ports(PolicyPort... ports) {
    return new RuleSpec(ImmutableList.of(), ImmutableList.copyOf(ports));
  }

  public static RuleSpec allowAll() {
    return new RuleSpec(ImmutableList.of(), ImmutableList.of());
  }

  public static PolicyBuilder policy(String ns, String name) {
    return new PolicyBuilder(ns, name);
  }

  /** Builds a Policy; policyTypes default as the API server does unless set with {@link #types}. */
  public static final class PolicyBuilder {
    private final String ns;
    private final String name;
    private LabelSelector podSelector = LabelSelector.ALL;
    private EnumSet<Direction> types;
    private final List<RuleSpec> ingress = new ArrayList<>();
    private final List<RuleSpec> egress = new ArrayList<>();
    private boolean egressGiven;

    private PolicyBuilder(String ns, String name) {
      this.ns = ns;
      this.name = name;
    }

    public PolicyBuilder select(LabelSelector s) {
      this.podSelector = s;
      return this;
    }

    public PolicyBuilder types(Direction... ds) {
      this.types = ds.length == 0 ? EnumSet.noneOf(Direction.class) : EnumSet.copyOf(Arrays.asList(ds));
      return this;
    }

    public PolicyBuilder ingress(RuleSpec... rules) {
      ingress.addAll(Arrays.asList(rules));
      return this;
    }

    public PolicyBuilder egress(RuleSpec... rules) {
      egress.addAll(Arrays.asList(rules));
      egressGiven = egressGiven || rules.length > 0;
      return this;
    }

    public Policy build() {
      EnumSet<Direction> t = types;
      if (t == null) { // API defaulting: Ingress always, Egress iff egress rules are present
        t = EnumSet.of(Direction.INGRESS);
        if (egressGiven) {
          t.add(Direction.EGRESS);
        }
      }
      return new Policy(new PolicyId(ns, name), podSelector, ImmutableSet.copyOf(t),
          rules(Direction.INGRESS, ingress), rules(Direction.EGRESS, egress), LOC);
    }

    private static ImmutableList<Rule> rules(Direction d, List<RuleSpec> specs) {
      ImmutableList.Builder<Rule> b = ImmutableList.builder();
      for (int i = 0; i < specs.size(); i++) {
        b.add(new Rule(d, i, specs.get(i).peers(), specs.get(i).ports(), LOC));
      }
      return b.build();
    }
  }

  // ---- clusters and endpoints

  public static Cluster cluster(List<Namespace> namespaces, List<Workload> workloads, List<Policy> policies) {
    return Cluster.of(namespaces, workloads, policies);
  }

  /** The first (usually only) endpoint of a workload. */
  public static Endpoint.PodEndpoint ep(Cluster c, Workload w) {
    return Endpoints.of(c, w).get(0);
  }

  public static Endpoint.External ext(String ip) {
    return new Endpoint.External(IpAddress.parse(ip).orElseThrow());
  }
}
