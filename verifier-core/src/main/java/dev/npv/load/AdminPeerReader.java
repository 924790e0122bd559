package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.AdminApi;
import dev.npv.model.Cidr;
import dev.npv.model.Direction;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the peers and ports of admin policy rules: v1alpha1 (apis/v1alpha1 shared_types.go) and
 * v1alpha2 and v1beta1 ClusterNetworkPolicy (apis/v1alpha2, apis/v1beta1 clusternetworkpolicy_types.go:
 * the same peers and protocols; v1beta1 refuses a CIDR with host bits). A peer sets exactly
 * one of {@code namespaces} (a LabelSelector: every pod of those namespaces), {@code pods}
 * ({@code namespaceSelector} and {@code podSelector}; v1alpha2 makes the namespaceSelector optional,
 * absent = every namespace), and for egress {@code networks} (1..25 CIDRs), {@code nodes} (a node
 * selector: the addresses of the nodes whose labels it matches) or, v1alpha2 only, {@code domainNames}.
 * Domain names are rejected: which addresses a name resolves
 * to is not known statically (it may be any address, a pod's too), so no model of the rule could be
 * trusted either way. The first v1alpha1 release's shape ({@code namespaces: {namespaceSelector: ...}},
 * {@code pods: {namespaces: ..., podSelector: ...}}) is read too, with a note; its
 * {@code sameLabels}/{@code notSameLabels} are rejected as unsupported. A v1alpha1 port sets exactly
 * one of {@code portNumber}, {@code portRange} or {@code namedPort}; a v1alpha2 protocol exactly one of
 * {@code tcp}, {@code udp}, {@code sctp} (each with a {@code destinationPort}) or
 * {@code destinationNamedPort}.
 */
final class AdminPeerReader {
  private static final ImmutableSet<String> INGRESS_PEER = ImmutableSet.of("namespaces", "pods");
  private static final ImmutableSet<String> EGRESS_PEER = ImmutableSet.of("namespaces", "pods", "nodes", "networks");
  private static final ImmutableSet<String> CNP_EGRESS_PEER = ImmutableSet.of("namespaces", "pods", "nodes", "networks",
      "domainNames");
  /** Egress peers without named ports: a rule with one of them cannot use a named port (the CRD's CEL rule). */
  static final ImmutableSet<String> UNNAMED_PORT_PEERS = ImmutableSet.of("nodes", "networks", "domainNames");
  private static final ImmutableSet<String> NAMESPACED_POD = ImmutableSet.of("namespaceSelector", "podSelector");
  private static final ImmutableSet<String> LEGACY_NAMESPACES = ImmutableSet.of("namespaceSelector", "sameLabels",
      "notSameLabels");
  private static final ImmutableSet<String> LEGACY_POD = ImmutableSet.of("namespaces", "podSelector");
  private static final ImmutableSet<String> PORT_FIELDS = ImmutableSet.of("portNumber", "portRange", "namedPort");
  private static final ImmutableSet<String> PROTOCOL_FIELDS = ImmutableSet.of("tcp", "udp", "sctp",
      "destinationNamedPort");
  private static final ImmutableSet<String> PORT_OR_RANGE = ImmutableSet.of("number", "range");
  private static final int MAX_NETWORKS = 25;

  private final Diagnostics diags;

  /** Whether a {@code domainNames} peer was read (and left out). */
  private boolean sawDomainNames;

  boolean sawDomainNames() {
    return sawDomainNames;
  }

  AdminPeerReader(Diagnostics diags) {
    this.diags = diags;
  }

  /**
   * The peer (one per CIDR for networks); empty when invalid (reported). {@code networkAddressOnly}: a
   * CIDR with host bits set is an error (ClusterNetworkPolicy v1beta1), not a warning.
   */
  ImmutableList<Peer> peer(YNode node, Direction d, AdminApi api, boolean networkAddressOnly) {
    return ImmutableList.copyOf(peerOrNetworks(node, d, api, networkAddressOnly));
  }

  private List<Peer> peerOrNetworks(YNode node, Direction d, AdminApi api, boolean networkAddressOnly) {
    boolean in = d == Direction.INGRESS;
    boolean v2 = api == AdminApi.CNP;
    String prefix = v2 ? "ClusterNetworkPolicy" : "AdminNetworkPolicy";
    ImmutableSet<String> keys = in ? INGRESS_PEER : v2 ? CNP_EGRESS_PEER : EGRESS_PEER;
    Optional<Fields> f = oneOf(node, prefix + (in ? "IngressPeer" : "EgressPeer"), keys);
    if (f.isEmpty()) {
      return List.of();
    }
    Fields p = f.get();
    if (p.has("namespaces")) {
      YNode ns = p.node("namespaces").orElseThrow();
      return (v2 ? SelectorReader.read(ns, "namespaces peer", diags) : namespaces(ns, "namespaces peer"))
          .<Peer>map(sel -> new Peer.Pods(Optional.of(sel), Optional.empty())).stream().toList();
    }
    if (p.has("pods")) {
      return pods(p.object("pods", "NamespacedPod").orElse(null), v2).stream().toList();
    }
    if (p.has("networks")) {
      return networks(p, networkAddressOnly);
    }
    if (p.has("domainNames")) {
      // The API server admits it, but the addresses a name resolves to are not known statically (any
      // address, a pod's too): the peer is left out, and the policy makes the verdicts it could change UNKNOWN.
      p.list("domainNames");
      sawDomainNames = true;
      diags.warning(Codes.ADMIN_DOMAIN_NAMES, p.keyLocation("domainNames"), "'domainNames' peers are not"
          + " modelled (the addresses a name resolves to are not known statically): this peer is left out, and"
          + " every verdict the policy could change is reported UNKNOWN (--ignore-unmodelled domainNames to"
          + " decide without it)");
      return List.of();
    }
    return SelectorReader.read(p.node("nodes").orElseThrow(), "nodes peer", diags)
        .<Peer>map(Peer.Nodes::new).stream().toList();
  }

  /** {@code node} as a {@code type} with only {@code keys}, when exactly one of them is set (else reported). */
  private Optional<Fields> oneOf(YNode node, String type, ImmutableSet<String> keys) {
    return Fields.of(node, type, diags).map(f -> f.known(keys))
        .filter(f -> AdminPolicyReader.exactlyOne(f, keys, diags));
  }

  /** A LabelSelector, or the first release's NamespacedPeer ({@code namespaceSelector: ...}). */
  private Optional<LabelSelector> namespaces(YNode node, String what) {
    if (node instanceof YNode.YMap m && LEGACY_NAMESPACES.stream().anyMatch(k -> m.get(k).isPresent())) {
      Fields legacy = Fields.of(node, "NamespacedPeer", diags).orElseThrow().known(LEGACY_NAMESPACES);
      for (String unsupported : new String[] {"sameLabels", "notSameLabels"}) {
        if (legacy.has(unsupported)) {
          diags.error(Codes.ADMIN_UNSUPPORTED, legacy.keyLocation(unsupported), "'" + unsupported
              + "' (NamespacedPeer of the first v1alpha1 release, since removed from the API) is not supported");
        }
      }
      if (!AdminPolicyReader.exactlyOne(legacy, LEGACY_NAMESPACES, diags)) {
        return Optional.empty();
      }
      diags.note(Codes.ADMIN_LEGACY_PEER, legacy.keyLocation("namespaceSelector"), "'namespaces: {namespaceSelector:"
          + " ...}' is the first v1alpha1 release's shape; read as 'namespaces: <selector>' of the current API");
      return SelectorReader.read(legacy.node("namespaceSelector").orElseThrow(), what, diags);
    }
    return SelectorReader.read(node, what, diags);
  }

  private Optional<Peer> pods(Fields f, boolean v2) {
    if (f == null) {
      return Optional.empty();
    }
    boolean legacy = !v2 && f.has("namespaces");
    Fields p = f.known(legacy ? LEGACY_POD : NAMESPACED_POD);
    Optional<LabelSelector> ns = legacy ? namespaces(p.node("namespaces").orElseThrow(), "pods peer namespaces")
        : namespaceSelector(p, v2, "pods peer namespaceSelector");
    Optional<LabelSelector> pod = p.require("podSelector")
        .flatMap(n -> SelectorReader.read(n, "pods peer podSelector", diags));
    return ns.isPresent() && pod.isPresent() ? Optional.of(new Peer.Pods(ns, pod)) : Optional.empty();
  }

  /**
   * The namespaceSelector of a NamespacedPod: required in v1alpha1; optional in v1alpha2, where
   * absent is the empty selector ("if empty, it selects all Namespaces").
   */
  Optional<LabelSelector> namespaceSelector(Fields pod, boolean v2, String what) {
    if (v2 && !pod.has("namespaceSelector")) {
      return Optional.of(LabelSelector.ALL);
    }
    return pod.require("namespaceSelector").flatMap(n -> SelectorReader.read(n, what, diags));
  }

  /** One address peer per CIDR (the peers of a rule are ORed anyway). */
  private ImmutableList<Peer> networks(Fields p, boolean networkAddressOnly) {
    Optional<ImmutableList<YNode>> items = p.list("networks");
    if (items.isEmpty()) {
      return ImmutableList.of();
    }
    if (items.get().isEmpty() || items.get().size() > MAX_NETWORKS) {
      diags.error(Codes.ADMIN_LIMIT, p.valueLocation("networks"), "'networks' must list 1 to " + MAX_NETWORKS
          + " CIDRs, got " + items.get().size());
      return ImmutableList.of();
    }
    ImmutableList.Builder<Cidr> cidrs = ImmutableList.builder();
    boolean ok = true;
    for (YNode item : items.get()) {
      Optional<Cidr> c = Fields.asString(item, "an entry of 'networks'", diags).flatMap(t -> {
        Optional<Cidr> parsed = Cidr.parse(t);
        if (parsed.isEmpty()) {
          diags.error(Codes.CIDR, item.location(), "invalid CIDR '" + t
              + "' (expected an address with a prefix length, e.g. 10.0.0.0/8 or fd00::/8)");
        } else if (parsed.get().hadHostBits() && networkAddressOnly) {
          diags.error(Codes.CIDR, item.location(), "CIDR '" + t + "' has host bits set; ClusterNetworkPolicy"
              + " v1beta1 requires the network address (the API rejects it: \"Invalid CIDR format provided\");"
              + " write " + parsed.get().canonical());
          return Optional.empty();
        } else if (parsed.get().hadHostBits()) {
          diags.warning(Codes.CIDR_HOST_BITS, item.location(), "CIDR '" + t + "' has host bits set; it means "
              + parsed.get().canonical());
        }
        return parsed;
      });
      ok &= c.isPresent();
      c.ifPresent(cidrs::add);
    }
    return ok ? cidrs.build().stream().<Peer>map(c -> new Peer.Addresses(new IpBlock(c, ImmutableList.of())))
        .collect(ImmutableList.toImmutableList()) : ImmutableList.of();
  }

  /**
   * An AdminNetworkPolicyPort: exactly one of portNumber, portRange, namedPort. A named port carries no
   * protocol: it matches the destination's container port of that name on that port's protocol, so it
   * becomes one named entry per protocol (port names are unique within a pod).
   */
  ImmutableList<PolicyPort> port(YNode node) {
    Optional<Fields> f = oneOf(node, "AdminNetworkPolicyPort", PORT_FIELDS);
    if (f.isEmpty()) {
      return ImmutableList.of();
    }
    Fields p = f.get();
    if (p.has("namedPort")) {
      return named(p, "namedPort");
    }
    return numbered(p).map(ImmutableList::of).orElse(ImmutableList.of());
  }

  private ImmutableList<PolicyPort> named(Fields p, String key) {
    int errorsBefore = diags.errorCount();
    Optional<String> name = p.string(key);
    name.flatMap(K8sNames::portNameProblem).ifPresent(problem -> diags.error(Codes.PORT_NAME,
        p.valueLocation(key), "invalid " + key + " '" + name.get() + "': " + problem));
    if (diags.errorCount() > errorsBefore || name.isEmpty()) {
      return ImmutableList.of();
    }
    return Arrays.stream(Protocol.values()).map(pr -> new PolicyPort(pr, new PortSpec.Named(name.get())))
        .collect(ImmutableList.toImmutableList());
  }

  private Optional<PolicyPort> numbered(Fields p) {
    int errorsBefore = diags.errorCount();
    if (p.has("portNumber")) {
      return p.object("portNumber", "Port").flatMap(n -> {
        n.known(ImmutableSet.of("protocol", "port"));
        Optional<Protocol> protocol = PortReader.protocol(n, "protocol", diags);
        Optional<Integer> port = n.require("port").flatMap(x -> Fields.asInteger(x, "'port' in Port", diags))
            .filter(v -> PortReader.checkRange(v, n.node("port").orElseThrow(), "port", diags));
        return diags.errorCount() > errorsBefore || port.isEmpty() ? Optional.empty()
            : Optional.of(new PolicyPort(protocol.orElse(Protocol.TCP), new PortSpec.Range(port.get(), port.get())));
      });
    }
    return p.object("portRange", "PortRange").flatMap(n -> {
      n.known(ImmutableSet.of("protocol", "start", "end"));
      Optional<Protocol> protocol = PortReader.protocol(n, "protocol", diags);
      Optional<PortSpec.Range> range = range(n);
      return diags.errorCount() > errorsBefore || range.isEmpty() ? Optional.empty()
          : Optional.of(new PolicyPort(protocol.orElse(Protocol.TCP), range.get()));
    });
  }

  /** {@code start} and {@code end}, each 1..65535, start below end (both API versions). */
  private Optional<PortSpec.Range> range(Fields n) {
    Optional<Integer> start = port(n, "start");
    Optional<Integer> end = port(n, "end");
    if (start.isPresent() && end.isPresent() && start.get() >= end.get()) {
      diags.error(Codes.PORT_RANGE, n.valueLocation("end"), "port range 'end' " + end.get()
          + " must be greater than 'start' " + start.get() + " (the API: \"the Start value must be less than End\")");
      return Optional.empty();
    }
    return start.isPresent() && end.isPresent() ? Optional.of(new PortSpec.Range(start.get(), end.get()))
        : Optional.empty();
  }

  /** A required port number field, 1..65535. */
  private Optional<Integer> port(Fields n, String key) {
    return n.require(key).flatMap(x -> Fields.asInteger(x, "'" + key + "' in " + n.type(), diags))
        .filter(v -> PortReader.checkRange(v, n.node(key).orElseThrow(), key, diags));
  }

  /**
   * A ClusterNetworkPolicyProtocol: exactly one of {@code tcp}, {@code udp}, {@code sctp} (each needs
   * its {@code destinationPort}: exactly one of {@code number} or {@code range}) or
   * {@code destinationNamedPort} (one named entry per protocol, as for v1alpha1 {@code namedPort}).
   */
  ImmutableList<PolicyPort> protocol(YNode node) {
    Optional<Fields> f = oneOf(node, "ClusterNetworkPolicyProtocol", PROTOCOL_FIELDS);
    if (f.isEmpty()) {
      return ImmutableList.of();
    }
    Fields p = f.get();
    if (p.has("destinationNamedPort")) {
      return named(p, "destinationNamedPort");
    }
    String key = PROTOCOL_FIELDS.stream().filter(p::has).findFirst().orElseThrow();
    Protocol protocol = Protocol.valueOf(key.toUpperCase(Locale.ROOT));
    String type = "ClusterNetworkPolicyProtocol" + protocol;
    return p.object(key, type).flatMap(t -> t.known(ImmutableSet.of("destinationPort"))
            .requireObject("destinationPort", "Port"))
        .flatMap(dp -> {
          Fields port = dp.known(PORT_OR_RANGE);
          if (!AdminPolicyReader.exactlyOne(port, PORT_OR_RANGE, diags)) {
            return Optional.empty();
          }
          Optional<PortSpec.Range> spec = port.has("number") ? port(port, "number").map(v -> new PortSpec.Range(v, v))
              : port.object("range", "PortRange").flatMap(r -> range(r.known(ImmutableSet.of("start", "end"))));
          return spec.map(sp -> new PolicyPort(protocol, sp));
        }).map(ImmutableList::of).orElse(ImmutableList.of());
  }
}
