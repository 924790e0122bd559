package dev.npv.smt;

import com.google.common.collect.ImmutableMap;
import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import dev.npv.model.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * The solver variables of one end of the symbolic connection (named by role: {@code src.ns},
 * {@code dst.pod[app]}, ...). Either an external address ({@code ext}), maybe a node's ({@code node},
 * with the node's label codes; a hostNetwork pod has its node's address, so it may be a node's too), or a pod: namespace index, namespace and pod label codes, the known
 * workload it belongs to (-1 = a hypothetical pod), its address, and (for destinations) the named-port
 * mapping. Confined to its {@link SolverSession}.
 */
final class SymbolicEndpoint {
  final String role;
  final BoolExpr ext;
  /** The address is a node's (only if {@code ext}): a node of the manifests, or a new one in the open world. */
  final BoolExpr node;
  final BoolExpr v6;
  final BitVecExpr ip4;
  final BitVecExpr ip6;
  final IntExpr ns;
  final IntExpr workload;
  final ImmutableMap<String, IntExpr> nsLabels;
  final ImmutableMap<String, IntExpr> podLabels;
  final ImmutableMap<String, IntExpr> nodeLabels;
  /**
   * For a hypothetical pod, per (port name, protocol): whether it defines a container port of that name
   * and protocol, and its number. One number per pair suffices, because a connection uses one port;
   * known workloads resolve names from their real container ports instead.
   */
  final ImmutableMap<NamedPortKey, NamedPortVars> namedPorts;

  record NamedPortKey(String name, Protocol protocol) {
  }

  record NamedPortVars(BoolExpr defined, BitVecExpr port) {
  }

  SymbolicEndpoint(Context ctx, String role, Universe u) {
    this.role = role;
    this.ext = ctx.mkBoolConst(role + ".external");
    this.node = ctx.mkBoolConst(role + ".node");
    this.v6 = ctx.mkBoolConst(role + ".ipv6");
    this.ip4 = ctx.mkBVConst(role + ".ip4", 32);
    this.ip6 = ctx.mkBVConst(role + ".ip6", 128);
    this.ns = ctx.mkIntConst(role + ".ns");
    this.workload = ctx.mkIntConst(role + ".workload");
    this.nsLabels = labelVars(ctx, role + ".nsLabel", u.namespaceLabels.keys());
    this.podLabels = labelVars(ctx, role + ".podLabel", u.podLabels.keys());
    this.nodeLabels = labelVars(ctx, role + ".nodeLabel", u.nodeLabels.keys());
    ImmutableMap.Builder<NamedPortKey, NamedPortVars> np = ImmutableMap.builder();
    for (String n : u.portNames) {
      for (Protocol proto : Protocol.values()) {
        String id = role + ".namedPort[" + n + "/" + proto + "]";
        np.put(new NamedPortKey(n, proto), new NamedPortVars(ctx.mkBoolConst(id + ".defined"), ctx.mkBVConst(id, 16)));
      }
    }
    this.namedPorts = np.buildOrThrow();
  }

  private SymbolicEndpoint(SymbolicEndpoint shared, ImmutableMap<String, IntExpr> nsLabels, BoolExpr node,
                           ImmutableMap<String, IntExpr> nodeLabels) {
    this.role = shared.role;
    this.ext = shared.ext;
    this.node = node;
    this.nodeLabels = nodeLabels;
    this.v6 = shared.v6;
    this.ip4 = shared.ip4;
    this.ip6 = shared.ip6;
    this.ns = shared.ns;
    this.workload = shared.workload;
    this.nsLabels = nsLabels;
    this.podLabels = shared.podLabels;
    this.namedPorts = shared.namedPorts;
  }

  /**
   * The same endpoint seen in another version of the manifests: everything shared but the namespace
   * labels and what node has the address, which a change may edit (a relabelled namespace is a classic
   * way to open traffic; a Node may be relabelled, added or removed).
   */
  SymbolicEndpoint inVersion(Context ctx, String version) {
    String prefix = role + "@" + version;
    return new SymbolicEndpoint(this, labelVars(ctx, prefix + ".nsLabel", nsLabels.keySet()),
        ctx.mkBoolConst(prefix + ".node"), labelVars(ctx, prefix + ".nodeLabel", nodeLabels.keySet()));
  }

  /** One code variable per label key, named {@code prefix[key]}. */
  private static ImmutableMap<String, IntExpr> labelVars(Context ctx, String prefix, Iterable<String> keys) {
    ImmutableMap.Builder<String, IntExpr> out = ImmutableMap.builder();
    keys.forEach(k -> out.put(k, ctx.mkIntConst(prefix + "[" + k + "]")));
    return out.buildOrThrow();
  }

  /** Range constraints that hold of every endpoint, in every world. */
  List<BoolExpr> domainConstraints(Context ctx, Universe u) {
    List<BoolExpr> out = new ArrayList<>();
    out.add(between(ctx, ns, 0, u.newNamespaceIndex()));
    out.add(between(ctx, workload, -1, u.workloads.size() - 1));
    nsLabels.forEach((k, v) -> out.add(between(ctx, v, 0, u.namespaceLabels.maxCode(k))));
    podLabels.forEach((k, v) -> out.add(between(ctx, v, 0, u.podLabels.maxCode(k))));
    nodeLabels.forEach((k, v) -> out.add(between(ctx, v, 0, u.nodeLabels.maxCode(k))));
    namedPorts.values().forEach(p -> out.add(ctx.mkNot(ctx.mkEq(p.port(), ctx.mkBV(0, 16)))));
    return out;
  }

  static BoolExpr between(Context ctx, IntExpr x, int lo, int hi) {
    return ctx.mkAnd(ctx.mkGe(x, ctx.mkInt(lo)), ctx.mkLe(x, ctx.mkInt(hi)));
  }
}
