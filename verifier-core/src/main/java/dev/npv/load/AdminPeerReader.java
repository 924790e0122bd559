package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.Cidr;
import dev.npv.model.Direction;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Peer;
import java.util.Optional;

/**
 * Reads the peers and ports of admin policy rules (apis/v1alpha1 shared_types.go). A peer sets exactly
 * one of {@code namespaces} (a LabelSelector: every pod of those namespaces), {@code pods}
 * ({@code namespaceSelector} and {@code podSelector}, both required), and for egress {@code networks}
 * (1..25 CIDRs) or {@code nodes} (a node selector). Node peers are not modelled: npv knows no nodes,
 * so it warns and the peer matches nothing. The first release's shape
 * ({@code namespaces: {namespaceSelector: ...}}, {@code pods: {namespaces: ..., podSelector: ...}}) is
 * read too, with a note; its {@code sameLabels}/{@code notSameLabels} are rejected as unsupported.
 * A port sets exactly one of {@code portNumber}, {@code portRange} or {@code namedPort}.
 */
final class AdminPeerReader {
  private static final ImmutableSet<String> INGRESS_PEER = ImmutableSet.of("namespaces", "pods");
  private static final ImmutableSet<String> EGRESS_PEER = ImmutableSet.of("namespaces", "pods", "nodes", "networks");
  private static final ImmutableSet<String> NAMESPACED_POD = ImmutableSet.of("namespaceSelector", "podSelector");
  private static final ImmutableSet<String> LEGACY_NAMESPACES = ImmutableSet.of("namespaceSelector", "sameLabels",
      "notSameLabels");
  private static final ImmutableSet<String> LEGACY_POD = ImmutableSet.of("namespaces", "podSelector");
  private static final ImmutableSet<String> PORT_FIELDS = ImmutableSet.of("portNumber", "portRange", "namedPort");
  private static final int MAX_NETWORKS = 25;

  private final Diagnostics diags;

  AdminPeerReader(Diagnostics diags) {
    this.diags = diags;
  }

  /** The peer (one per CIDR for networks); empty when invalid (reported) or a nodes peer (warned). */
  ImmutableList<Peer> peer(YNode node, Direction d) {
    return ImmutableList.copyOf(peerOrNetworks(node, d));
  }

  private java.util.List<Peer> peerOrNetworks(YNode node, Direction d) {
    boolean in = d == Direction.INGRESS;
    Optional<Fields> f = Fields.of(node, in ? "AdminNetworkPolicyIngressPeer" : "AdminNetworkPolicyEgressPeer", diags);
    if (f.isEmpty()) {
      return java.util.List.of();
    }
    ImmutableSet<String> keys = in ? INGRESS_PEER : EGRESS_PEER;
    Fields p = f.get().known(keys);
    if (!AdminPolicyReader.exactlyOne(p, keys, diags)) {
      return java.util.List.of();
    }
    if (p.has("namespaces")) {
      return namespaces(p.node("namespaces").orElseThrow(), "namespaces peer")
          .<Peer>map(ns -> new Peer.Pods(Optional.of(ns), Optional.empty())).stream().toList();
    }
    if (p.has("pods")) {
      return pods(p.object("pods", "NamespacedPod").orElse(null)).stream().toList();
    }
    if (p.has("networks")) {
      return networks(p);
    }
    SelectorReader.read(p.node("nodes").orElseThrow(), "nodes peer", diags);
    diags.warning(Codes.ADMIN_NODES_PEER, p.keyLocation("nodes"), "'nodes' peers are not modelled (npv knows"
        + " no Node objects or node addresses): this peer matches nothing in npv's results, so traffic to node"
        + " addresses (hostNetwork pods, external IPs) is not decided by it");
    return java.util.List.of();
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

  private Optional<Peer> pods(Fields f) {
    if (f == null) {
      return Optional.empty();
    }
    boolean legacy = f.has("namespaces");
    Fields p = f.known(legacy ? LEGACY_POD : NAMESPACED_POD);
    Optional<LabelSelector> ns = legacy
        ? namespaces(p.node("namespaces").orElseThrow(), "pods peer namespaces")
        : p.require("namespaceSelector").flatMap(n -> SelectorReader.read(n, "pods peer namespaceSelector", diags));
    Optional<LabelSelector> pod = p.require("podSelector")
        .flatMap(n -> SelectorReader.read(n, "pods peer podSelector", diags));
    return ns.isPresent() && pod.isPresent() ? Optional.of(new Peer.Pods(ns, pod)) : Optional.empty();
  }

  /** One address peer per CIDR (the peers of a rule are ORed anyway). */
  private ImmutableList<Peer> networks(Fields p) {
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
    Optional<Fields> f = Fields.of(node, "AdminNetworkPolicyPort", diags);
    if (f.isEmpty()) {
      return ImmutableList.of();
    }
    Fields p = f.get().known(PORT_FIELDS);
    if (!AdminPolicyReader.exactlyOne(p, PORT_FIELDS, diags)) {
      return ImmutableList.of();
    }
    if (p.has("namedPort")) {
      return named(p);
    }
    return numbered(p).map(ImmutableList::of).orElse(ImmutableList.of());
  }

  private ImmutableList<PolicyPort> named(Fields p) {
    int errorsBefore = diags.errorCount();
    Optional<String> name = p.string("namedPort");
    name.flatMap(K8sNames::portNameProblem).ifPresent(problem -> diags.error(Codes.PORT_NAME,
        p.valueLocation("namedPort"), "invalid namedPort '" + name.get() + "': " + problem));
    if (diags.errorCount() > errorsBefore || name.isEmpty()) {
      return ImmutableList.of();
    }
    return java.util.Arrays.stream(Protocol.values()).map(pr -> new PolicyPort(pr, new PortSpec.Named(name.get())))
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
      Optional<Integer> start = n.require("start").flatMap(x -> Fields.asInteger(x, "'start' in PortRange", diags))
          .filter(v -> PortReader.checkRange(v, n.node("start").orElseThrow(), "start", diags));
      Optional<Integer> end = n.require("end").flatMap(x -> Fields.asInteger(x, "'end' in PortRange", diags))
          .filter(v -> PortReader.checkRange(v, n.node("end").orElseThrow(), "end", diags));
      if (start.isPresent() && end.isPresent() && start.get() >= end.get()) {
        diags.error(Codes.PORT_RANGE, n.valueLocation("end"), "portRange 'end' " + end.get()
            + " must be greater than 'start' " + start.get() + " (the API: \"the Start value must be less than End\")");
      }
      return diags.errorCount() > errorsBefore || start.isEmpty() || end.isEmpty() ? Optional.empty()
          : Optional.of(new PolicyPort(protocol.orElse(Protocol.TCP), new PortSpec.Range(start.get(), end.get())));
    });
  }
}
