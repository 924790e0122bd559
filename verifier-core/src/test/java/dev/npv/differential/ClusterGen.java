package dev.npv.differential;

import static dev.npv.testutil.Dsl.*;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Endpoint;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminApi;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.AdminSubject;
import dev.npv.model.AdminTier;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Node;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.Protocol;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.testutil.Dsl;
import dev.npv.testutil.RandomExport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Random small clusters for the differential tests, derived from one {@link Random} so a failure
 * reproduces from the seed jqwik reports. Vocabularies are tiny on purpose: selectors then hit the
 * labels that exist (and the ones that do not) often. Every name, key and value is a valid
 * Kubernetes one.
 */
final class ClusterGen {
  static final String[] NAMESPACES = {"alpha", "beta", "gamma"};
  static final String[] POD_KEYS = {"app", "tier", "example.com/team"};
  static final String[] POD_VALUES = {"a", "b", "c"};
  static final String[] NS_KEYS = {"env", "team"};
  static final String[] NS_VALUES = {"prod", "dev", "x"};
  static final String[] PORT_NAMES = {"http", "dns", "metrics"};
  static final int[] CONTAINER_PORTS = {53, 80, 443, 8080};
  /** Ports that sit on, inside, next to and outside the generated port specs. */
  static final int[] PROBE_PORTS = {1, 53, 80, 81, 85, 443, 8080, 65535};
  static final String[] V4_BLOCKS = {"10.0.0.0/8", "10.0.0.0/30", "10.0.0.0/24", "0.0.0.0/0", "192.168.1.0/24",
      "10.0.0.2/32"};
  static final String[] V4_EXCEPTS = {"10.0.0.2/32", "10.0.0.0/29", "10.0.0.4/30"};
  static final String[] V6_BLOCKS = {"fd00::/64", "::/0", "fd00::1/128"};
  static final String[] V6_EXCEPTS = {"fd00::2/128", "fd00::/126"};
  /** External addresses: inside and outside the blocks above, both families. */
  static final String[] EXTERNAL_IPS = {"10.0.0.1", "10.0.0.9", "10.1.2.3", "192.168.1.7", "8.8.8.8",
      "fd00::2", "fd00::9", "2001:db8::1"};
  static final String[] NODE_KEYS = {"role", "example.com/zone"};
  static final String[] NODE_VALUES = {"cp", "worker", "x"};
  /** Node addresses: some of the external addresses above, and hostNetwork pods' (they use their node's). */
  static final String[] NODE_IPS = {"10.0.0.9", "192.168.1.7", "fd00::9", "192.168.1.1", "8.8.8.8", "10.1.2.3"};

  /** Node pod ranges: around the generated blocks, inside and outside them. */
  static final String[] POD_CIDRS = {"10.0.0.0/24", "10.0.0.0/8", "100.64.0.0/16", "fd00::/64"};

  private final Random r;

  ClusterGen(Random r) {
    this.r = r;
  }

  Cluster cluster() {
    int nsCount = 2 + r.nextInt(2);
    List<Namespace> namespaces = new ArrayList<>();
    for (int i = 0; i < nsCount; i++) {
      String name = NAMESPACES[i];
      // Implied namespaces are what the loader makes of names only workloads/policies use.
      namespaces.add(r.nextInt(3) == 0 ? implied(name) : declared(name));
    }
    List<Node> nodes = nodes();
    List<Workload> workloads = new ArrayList<>();
    if (r.nextBoolean()) {
      workloads.addAll(exported(namespaces));
    } else {
      int wCount = 2 + r.nextInt(4);
      for (int i = 0; i < wCount; i++) {
        workloads.add(workload(i, pickNs(namespaces), nodes));
      }
    }
    List<Policy> policies = new ArrayList<>();
    int pCount = 1 + r.nextInt(5);
    for (int i = 0; i < pCount; i++) {
      policies.add(randomPolicy(i, pickNs(namespaces)));
    }
    List<AdminPolicy> admin = new ArrayList<>();
    if (r.nextInt(3) != 0) { // cluster-wide tiers in two clusters out of three
      // v1alpha1, v1alpha2 ClusterNetworkPolicy, or both (they share each tier's priority order).
      int apis = r.nextInt(3);
      for (int i = apis == 1 ? 0 : r.nextInt(4); i > 0; i--) {
        // Priorities from a tiny range: ties happen (both evaluators order them by name).
        admin.add(adminPolicy(AdminApi.ANP, AdminTier.ADMIN, "anp" + i, r.nextInt(3)));
      }
      if (apis != 1 && r.nextBoolean()) {
        admin.add(adminPolicy(AdminApi.BANP, AdminTier.BASELINE, "default", 0));
      }
      for (int i = apis == 0 ? 0 : r.nextInt(4); i > 0; i--) {
        AdminTier tier = r.nextBoolean() ? AdminTier.ADMIN : AdminTier.BASELINE;
        admin.add(adminPolicy(AdminApi.CNP, tier, "cnp" + i, r.nextInt(3)));
      }
    }
    return Cluster.of(namespaces, workloads, policies, admin, nodes);
  }

  /**
   * Workloads as the loader makes them of a cluster export (missing owners, rollouts, terminated and
   * pending pods, see {@link RandomExport}), checked to be grouped as they must be; never none.
   */
  private List<Workload> exported(List<Namespace> namespaces) {
    List<String> names = namespaces.stream().map(Namespace::name).toList();
    while (true) {
      RandomExport export = new RandomExport(r, POD_KEYS, POD_VALUES, PORT_NAMES, CONTAINER_PORTS);
      List<Workload> out;
      try {
        out = export.workloads(2 + r.nextInt(4), names);
      } catch (Exception e) {
        throw new AssertionError("the loader refused a generated export:\n" + export.yaml(), e);
      }
      export.check();
      // Workloads of unknown address (a template standing in, pods still Pending) are kept: the
      // enumeration tries each address piece such a pod may have (not held, in the pod network).
      if (!out.isEmpty()) {
        return out;
      }
    }
  }

  /** Zero to two nodes with one or two addresses each, never one address on two nodes (the loader forbids it). */
  private List<Node> nodes() {
    List<String> free = new ArrayList<>(List.of(NODE_IPS));
    List<Node> out = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      TreeMap<String, String> labels = new TreeMap<>();
      for (String k : NODE_KEYS) {
        if (r.nextBoolean()) {
          labels.put(k, pick(NODE_VALUES));
        }
      }
      List<IpAddress> addresses = new ArrayList<>();
      for (int k = 1 + r.nextInt(2); k > 0; k--) {
        addresses.add(IpAddress.parse(free.remove(r.nextInt(free.size()))).orElseThrow());
      }
      // Sometimes a share of the pod network (spec.podCIDRs), which then holds every unknown pod address.
      ImmutableList<Cidr> podCidrs = r.nextInt(3) == 0 ? ImmutableList.of(Cidr.of(pick(POD_CIDRS)))
          : ImmutableList.of();
      out.add(new Node("node" + i, ImmutableSortedMap.copyOf(labels), ImmutableList.copyOf(addresses),
          SourceLocation.UNKNOWN, podCidrs));
    }
    return out;
  }

  /** An address as the cluster sees it: a node's, with its labels, or no node's. */
  static Endpoint.External external(Cluster c, String ip) {
    IpAddress a = IpAddress.parse(ip).orElseThrow();
    return new Endpoint.External(a, c.nodeAt(a));
  }

  private AdminPolicy adminPolicy(AdminApi api, AdminTier tier, String name, int priority) {
    AdminSubject subject = switch (r.nextInt(3)) {
      case 0 -> new AdminSubject(LabelSelector.ALL, LabelSelector.ALL);
      case 1 -> new AdminSubject(namespaceSelector(), LabelSelector.ALL);
      default -> new AdminSubject(namespaceSelector(), podSelector());
    };
    return new AdminPolicy(api, tier, name, priority, subject, adminRules(api, Direction.INGRESS),
        adminRules(api, Direction.EGRESS), SourceLocation.UNKNOWN);
  }

  /** Any action, except Pass in the v1alpha1 baseline (a Baseline-tier CNP may Pass, to the default). */
  private ImmutableList<AdminRule> adminRules(AdminApi api, Direction d) {
    ImmutableList.Builder<AdminRule> out = ImmutableList.builder();
    for (int i = 0, n = r.nextInt(4); i < n; i++) {
      AdminAction action = api == AdminApi.BANP ? (r.nextBoolean() ? AdminAction.ALLOW : AdminAction.DENY)
          : AdminAction.values()[r.nextInt(3)];
      List<Peer> peers = new ArrayList<>();
      for (int k = r.nextInt(3); k >= 0; k--) { // at least one peer, as the API requires
        peers.add(adminPeer(d));
      }
      List<PolicyPort> ports = new ArrayList<>();
      for (int k = r.nextInt(3); k > 0; k--) {
        ports.add(policyPort());
      }
      out.add(new AdminRule(d, i, r.nextBoolean() ? Optional.of("r" + i) : Optional.empty(), action,
          ImmutableList.copyOf(peers), ImmutableList.copyOf(ports), SourceLocation.UNKNOWN));
    }
    return out.build();
  }

  /** namespaces, pods (both selectors), and for egress networks (a CIDR without excepts) and nodes. */
  private Peer adminPeer(Direction d) {
    return switch (r.nextInt(d == Direction.EGRESS ? 5 : 2)) {
      case 0 -> new Peer.Pods(Optional.of(r.nextInt(3) == 0 ? LabelSelector.ALL : namespaceSelector()), Optional.empty());
      case 1 -> new Peer.Pods(Optional.of(namespaceSelector()), Optional.of(podSelector()));
      case 2 -> ipPeer(pick(V4_BLOCKS));
      case 3 -> ipPeer(pick(V6_BLOCKS));
      default -> new Peer.Nodes(nodeSelector());
    };
  }

  LabelSelector nodeSelector() {
    return r.nextInt(4) == 0 ? LabelSelector.ALL : selector(NODE_KEYS, NODE_VALUES);
  }

  private String pickNs(List<Namespace> namespaces) {
    return namespaces.get(r.nextInt(namespaces.size())).name();
  }

  static Namespace implied(String name) {
    return new Namespace(name, ImmutableSortedMap.of(Namespace.NAME_LABEL, name), false, SourceLocation.UNKNOWN);
  }

  private Namespace declared(String name) {
    List<String> kv = new ArrayList<>();
    for (String k : NS_KEYS) {
      if (r.nextBoolean()) {
        kv.add(k);
        kv.add(pick(NS_VALUES));
      }
    }
    return ns(name, kv.toArray(String[]::new));
  }

  private Workload workload(int i, String namespace, List<Node> nodes) {
    WorkloadKind kind = r.nextInt(3) == 0 ? WorkloadKind.Pod : WorkloadKind.values()[1 + r.nextInt(7)];
    TreeMap<String, String> labels = new TreeMap<>();
    for (String k : POD_KEYS) {
      if (r.nextInt(3) != 0) {
        labels.put(k, pick(POD_VALUES));
      }
    }
    List<ContainerPort> ports = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of(PORT_NAMES));
    for (int k = r.nextInt(3); k > 0; k--) {
      // Port names are unique within a pod (API validation).
      String name = names.remove(r.nextInt(names.size()));
      ports.add(containerPort(name, pick(CONTAINER_PORTS), r.nextInt(3) == 0 ? Protocol.UDP : Protocol.TCP));
    }
    boolean hostNetwork = r.nextInt(8) == 0;
    ImmutableList<IpAddress> ips;
    if (hostNetwork && !nodes.isEmpty()) {
      // On a node: its address, or (a template) any of the nodes'.
      Node node = nodes.get(r.nextInt(nodes.size()));
      ips = r.nextInt(3) == 0 ? ImmutableList.of() : ImmutableList.of(node.addresses().get(0));
    } else if (!hostNetwork && kind != WorkloadKind.Pod && r.nextInt(5) == 0) {
      ips = ImmutableList.of(); // a template standing in: address not given
    } else {
      String ip = hostNetwork ? "192.168.1." + (i + 1) : r.nextInt(6) == 0 ? "fd00::" + (i + 1) : "10.0.0." + (i + 1);
      ips = ImmutableList.of(IpAddress.parse(ip).orElseThrow());
    }
    return new Workload(kind, namespace, "w" + i, ImmutableSortedMap.copyOf(labels), ImmutableList.copyOf(ports),
        ips, hostNetwork, SourceLocation.UNKNOWN);
  }

  private Policy randomPolicy(int i, String namespace) {
    var b = Dsl.policy(namespace, "np" + i).select(podSelector());
    int ingress = r.nextInt(3);
    int egress = r.nextInt(3);
    for (int k = 0; k < ingress; k++) {
      b.ingress(randomRule());
    }
    for (int k = 0; k < egress; k++) {
      b.egress(randomRule());
    }
    switch (r.nextInt(4)) {
      case 0 -> b.types(Direction.INGRESS);
      case 1 -> b.types(Direction.EGRESS);
      case 2 -> b.types(Direction.INGRESS, Direction.EGRESS);
      default -> { } // API defaulting
    }
    return b.build();
  }

  private RuleSpec randomRule() {
    List<Peer> peers = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      peers.add(peer());
    }
    List<PolicyPort> ports = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      ports.add(policyPort());
    }
    return rule(peers, ports);
  }

  Peer peer() {
    return switch (r.nextInt(5)) {
      case 0 -> new Peer.Pods(Optional.empty(), Optional.of(podSelector()));
      case 1 -> new Peer.Pods(Optional.of(namespaceSelector()), Optional.empty());
      case 2 -> new Peer.Pods(Optional.of(namespaceSelector()), Optional.of(podSelector()));
      case 3 -> ipPeer(pick(V4_BLOCKS), r.nextBoolean() ? new String[0] : new String[] {pick(V4_EXCEPTS)});
      default -> ipPeer(pick(V6_BLOCKS), r.nextBoolean() ? new String[0] : new String[] {pick(V6_EXCEPTS)});
    };
  }

  PolicyPort policyPort() {
    Protocol p = protocol();
    return switch (r.nextInt(5)) {
      case 1 -> switch (r.nextInt(3)) { // numeric ranges with endPort
        case 0 -> range(p, 80, 90);
        case 1 -> range(p, 50, 60);
        default -> range(p, 443, 8080);
      };
      case 2 -> named(p, r.nextInt(4) == 0 ? "missing" : pick(PORT_NAMES));
      case 3 -> anyPort(p);
      default -> single(p);
    };
  }

  private PolicyPort single(Protocol p) {
    int port = pick(CONTAINER_PORTS);
    return range(p, port, port);
  }

  Protocol protocol() {
    int x = r.nextInt(6);
    return x < 3 ? Protocol.TCP : x < 5 ? Protocol.UDP : Protocol.SCTP;
  }

  LabelSelector podSelector() {
    return selector(POD_KEYS, POD_VALUES);
  }

  LabelSelector namespaceSelector() {
    if (r.nextInt(5) == 0) { // the name label, as people select namespaces by name
      return sel(labels(), req(Namespace.NAME_LABEL, r.nextBoolean() ? SelectorOperator.In : SelectorOperator.NotIn,
          pick(NAMESPACES)));
    }
    return selector(NS_KEYS, NS_VALUES);
  }

  private LabelSelector selector(String[] keys, String[] values) {
    Map<String, String> matchLabels = new LinkedHashMap<>();
    if (r.nextInt(3) == 0) {
      matchLabels.put(pick(keys), pick(values));
    }
    List<SelectorRequirement> exprs = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      String key = pick(keys);
      SelectorOperator op = SelectorOperator.values()[r.nextInt(4)];
      TreeSet<String> vs = new TreeSet<>();
      if (op.takesValues()) {
        for (int v = 1 + r.nextInt(2); v > 0; v--) {
          vs.add(pick(values));
        }
      }
      exprs.add(req(key, op, vs.toArray(String[]::new)));
    }
    return sel(ImmutableSortedMap.copyOf(matchLabels), exprs.toArray(SelectorRequirement[]::new));
  }

  String pick(String[] xs) {
    return xs[r.nextInt(xs.length)];
  }

  int pick(int[] xs) {
    return xs[r.nextInt(xs.length)];
  }

  Random random() {
    return r;
  }
}
