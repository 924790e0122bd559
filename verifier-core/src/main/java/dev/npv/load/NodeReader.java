package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.Cidr;
import dev.npv.model.IpAddress;
import dev.npv.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a core/v1 Node: its name and labels (metadata) and the IPs of {@code status.addresses}. The
 * {@code nodes} peer of admin policies "selects the nodeIPs ... present in the node.Status.Addresses
 * field" (network-policy-api ClusterNetworkPolicyEgressPeer); of the NodeAddressTypes only InternalIP
 * and ExternalIP carry an IP, Hostname and the DNS types carry names and are skipped. Of the spec only
 * {@code podCIDR}/{@code podCIDRs} are read (the pod network, see {@code AddressRules}); taints and
 * the rest of the status do not bear on policy and are tolerated unread.
 */
final class NodeReader {
  private static final ImmutableSet<String> ADDRESS_FIELDS = ImmutableSet.of("type", "address");
  private static final ImmutableSet<String> IP_TYPES = ImmutableSet.of("InternalIP", "ExternalIP");
  private static final ImmutableSet<String> NAME_TYPES = ImmutableSet.of("Hostname", "InternalDNS", "ExternalDNS");

  private final Diagnostics diags;

  NodeReader(Diagnostics diags) {
    this.diags = diags;
  }

  Optional<Node> read(Manifest m, ObjectMeta meta) {
    Fields object = m.object().known(PolicyReader.OBJECT_FIELDS);
    int errorsBefore = diags.errorCount();
    Set<Cidr> podCidrs = new LinkedHashSet<>();
    object.object("spec", "NodeSpec").ifPresent(spec -> podCidrs(spec, podCidrs));
    Set<IpAddress> addresses = new LinkedHashSet<>();
    object.object("status", "NodeStatus").flatMap(s -> s.list("addresses")).orElse(ImmutableList.of())
        .forEach(item -> address(item).ifPresent(addresses::add));
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    if (addresses.isEmpty()) {
      diags.warning(Codes.NODE_NO_ADDRESS, meta.nameLocation(), "node " + meta.name() + " has no InternalIP or"
          + " ExternalIP in status.addresses: no connection can reach it, so 'nodes' peers never match it");
    }
    return Optional.of(new Node(meta.name(), meta.labels(), ImmutableList.copyOf(addresses), m.location(),
        ImmutableList.copyOf(podCidrs)));
  }

  /**
   * {@code spec.podCIDRs} (one per family; its first entry equals {@code spec.podCIDR}, core/v1
   * NodeSpec) and {@code spec.podCIDR}: the node's share of the pod network. A value that is no CIDR
   * only warns: it cannot change what a policy says, only what npv assumes about unknown addresses.
   */
  private void podCidrs(Fields spec, Set<Cidr> out) {
    List<YNode> values = new ArrayList<>();
    spec.node("podCIDR").ifPresent(values::add);
    spec.list("podCIDRs").ifPresent(values::addAll);
    for (YNode v : values) {
      Optional<String> text = Fields.asString(v, "pod CIDR", diags);
      Optional<Cidr> c = text.flatMap(Cidr::parse);
      if (c.isPresent()) {
        out.add(c.get());
      } else if (text.isPresent()) {
        diags.warning(Codes.NODE_POD_CIDR, v.location(), "node pod CIDR '" + text.get() + "' is not a CIDR"
            + " (e.g. 10.244.1.0/24); it is left out of the pod network");
      }
    }
  }

  /** One NodeAddress: the IP of an InternalIP or ExternalIP, nothing for the name types. */
  private Optional<IpAddress> address(YNode item) {
    Optional<Fields> f = Fields.of(item, "NodeAddress", diags).map(a -> a.known(ADDRESS_FIELDS));
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> type = f.get().requireString("type");
    Optional<String> address = f.get().requireString("address");
    if (type.isEmpty() || address.isEmpty() || NAME_TYPES.contains(type.get())) {
      return Optional.empty();
    }
    if (!IP_TYPES.contains(type.get())) {
      diags.error(Codes.NODE_ADDRESS_TYPE, f.get().valueLocation("type"), "unknown node address type '"
          + type.get() + "' (expected InternalIP, ExternalIP, Hostname, InternalDNS or ExternalDNS)");
      return Optional.empty();
    }
    return WorkloadReader.ip(address.get(), f.get().node("address").orElseThrow(), type.get() + " node address",
        diags);
  }
}
