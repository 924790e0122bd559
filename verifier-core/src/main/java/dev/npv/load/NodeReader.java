package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.IpAddress;
import dev.npv.model.Node;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a core/v1 Node: its name and labels (metadata) and the IPs of {@code status.addresses}. The
 * {@code nodes} peer of admin policies "selects the nodeIPs ... present in the node.Status.Addresses
 * field" (network-policy-api ClusterNetworkPolicyEgressPeer); of the NodeAddressTypes only InternalIP
 * and ExternalIP carry an IP, Hostname and the DNS types carry names and are skipped. The spec (taints,
 * podCIDR, ...) and the rest of the status do not bear on policy and are tolerated unread.
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
    object.object("spec", "NodeSpec");
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
    return Optional.of(new Node(meta.name(), meta.labels(), ImmutableList.copyOf(addresses), m.location()));
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
