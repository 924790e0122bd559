package dev.npv.smt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.microsoft.z3.BitVecNum;
import com.microsoft.z3.Expr;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.IntNum;
import com.microsoft.z3.Model;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.model.ContainerPort;
import dev.npv.model.IpAddress;
import dev.npv.model.Namespace;
import dev.npv.model.Node;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reads a model into a concrete {@link Witness}; nothing of Z3 escapes. */
final class WitnessDecoder {
  private final Universe u;
  private final Model model;
  private final SymbolicEndpoint src;
  private final SymbolicEndpoint dst;
  private final SymbolicConnection connection;

  WitnessDecoder(Universe u, Model model, SymbolicConnection connection) {
    this.u = u;
    this.model = model;
    this.src = connection.src;
    this.dst = connection.dst;
    this.connection = connection;
  }

  Witness decode() {
    Protocol proto = SymbolicConnection.protocolOf(intValue(connection.protocol));
    int portNumber = bv(connection.port).intValue();
    Decoded s = endpoint(src, false);
    Decoded d = endpoint(dst, true);
    return new Witness(new Connection(s.endpoint, d.endpoint, proto, portNumber), s.provenance, d.provenance);
  }

  private record Decoded(Endpoint endpoint, Witness.EndProvenance provenance) {
  }

  private Decoded endpoint(SymbolicEndpoint e, boolean destination) {
    boolean v6 = model.eval(e.v6, true).isTrue();
    IpAddress ip = new IpAddress(v6, bv(v6 ? e.ip6 : e.ip4));
    if (model.eval(e.ext, true).isTrue()) {
      Optional<Node> known = u.cluster.nodeAt(ip);
      boolean newNode = known.isEmpty() && model.eval(e.node, true).isTrue();
      Optional<Node> node = node(e, ip);
      return new Decoded(new Endpoint.External(ip, node),
          new Witness.EndProvenance(Optional.empty(), false, true, newNode));
    }
    int nsIndex = intValue(e.ns);
    boolean newNamespace = nsIndex == u.newNamespaceIndex();
    String namespace = newNamespace ? freshNamespaceName(destination && secondNewNamespace()) : u.namespaceNames.get(nsIndex);
    ImmutableSortedMap<String, String> nsLabels = u.declared(nsIndex).map(Namespace::labels)
        .orElseGet(() -> decodeLabels(e.nsLabels, u.namespaceLabels, Map.of(Namespace.NAME_LABEL, namespace)));
    int wl = intValue(e.workload);
    if (wl >= 0) {
      Workload w = u.workloads.get(wl);
      // A hostNetwork pod has its node's address: a known node's, or (open world) a new node's.
      Optional<Node> node = w.hostNetwork() ? node(e, ip) : Optional.empty();
      return new Decoded(new Endpoint.PodEndpoint(w.namespace(), nsLabels, w.labels(), w.ports(),
          Optional.of(ip), w.hostNetwork(), w.id(), ImmutableList.of(ip), node),
          new Witness.EndProvenance(Optional.of(w.id()), false, false,
              node.isPresent() && u.cluster.nodeAt(ip).isEmpty()));
    }
    ImmutableSortedMap<String, String> labels = decodeLabels(e.podLabels, u.podLabels, Map.of());
    ImmutableList.Builder<ContainerPort> ports = ImmutableList.builder();
    if (destination) {
      e.namedPorts.forEach((key, v) -> {
        if (model.eval(v.defined(), true).isTrue()) {
          ports.add(new ContainerPort(Optional.of(key.name()), bv(v.port()).intValue(), key.protocol()));
        }
      });
    }
    String display = "new pod in " + (newNamespace ? "new namespace " : "namespace ") + namespace;
    return new Decoded(new Endpoint.PodEndpoint(namespace, nsLabels, labels, ports.build(), Optional.of(ip),
        false, display), new Witness.EndProvenance(Optional.empty(), newNamespace, false));
  }

  /** The node that has address {@code ip} in the model: a Node manifest's, a new one, or none. */
  private Optional<Node> node(SymbolicEndpoint e, IpAddress ip) {
    Optional<Node> known = u.cluster.nodeAt(ip);
    if (known.isPresent() || !model.eval(e.node, true).isTrue()) {
      return known;
    }
    return Optional.of(new Node(freshNodeName(), decodeLabels(e.nodeLabels, u.nodeLabels, Map.of()),
        ImmutableList.of(ip), SourceLocation.UNKNOWN));
  }

  private ImmutableSortedMap<String, String> decodeLabels(Map<String, IntExpr> vars, ValueDomain domain,
                                                          Map<String, String> fixed) {
    TreeMap<String, String> out = new TreeMap<>();
    vars.forEach((k, v) -> domain.value(k, intValue(v)).ifPresent(val -> out.put(k, val)));
    out.putAll(fixed);
    return ImmutableSortedMap.copyOf(out);
  }

  /** A valid node name that no Node manifest uses. */
  private String freshNodeName() {
    Set<String> taken = u.cluster.nodes().stream().map(Node::name).collect(Collectors.toSet());
    String name = "npv-new-node";
    for (int i = 2; taken.contains(name); i++) {
      name = "npv-new-node-" + i;
    }
    return name;
  }

  /** A valid namespace name that none of the candidates uses (the second such name if asked). */
  private String freshNamespaceName(boolean second) {
    String name = "npv-new-namespace";
    int skip = second ? 1 : 0;
    for (int i = 2; u.namespaceIndex.containsKey(name) || skip-- > 0; i++) {
      name = "npv-new-namespace-" + i;
    }
    return name;
  }

  /**
   * Both ends in "the" new namespace but with different namespace labels: they are two new
   * namespaces (the encoding leaves them independent), so the destination's gets its own name.
   */
  private boolean secondNewNamespace() {
    if (model.eval(src.ext, true).isTrue() || intValue(src.ns) != u.newNamespaceIndex()) {
      return false;
    }
    return src.nsLabels.keySet().stream()
        .anyMatch(k -> intValue(src.nsLabels.get(k)) != intValue(dst.nsLabels.get(k)));
  }

  private int intValue(IntExpr x) {
    return ((IntNum) model.eval(x, true)).getInt();
  }

  private BigInteger bv(Expr<?> x) {
    return ((BitVecNum) model.eval(x, true)).getBigInteger();
  }
}
