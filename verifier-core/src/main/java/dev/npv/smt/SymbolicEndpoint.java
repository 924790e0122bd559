package dev.npv.smt;

import com.google.common.collect.ImmutableMap;
import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * The solver variables of one end of the symbolic connection (named by role: {@code src.ns},
 * {@code dst.pod[app]}, ...). Either an external address ({@code ext}) or a pod: namespace index,
 * namespace and pod label codes, the known workload it belongs to (-1 = a hypothetical pod), its
 * address, and (for destinations) the named-port mapping. Confined to its {@link SolverSession}.
 */
final class SymbolicEndpoint {
  final String role;
  final BoolExpr ext;
  final BoolExpr v6;
  final BitVecExpr ip4;
  final BitVecExpr ip6;
  final IntExpr ns;
  final IntExpr workload;
  final ImmutableMap<String, IntExpr> nsLabels;
  final ImmutableMap<String, IntExpr> podLabels;
  /**
   * For a hypothetical pod, per (port name, protocol): whether it defines a container port of that name
   * and protocol, and its number. One number per pair suffices, because a connection uses one port;
   * known workloads resolve names from their real container ports instead.
   */
  final ImmutableMap<NamedPortKey, NamedPortVars> namedPorts;

  record NamedPortKey(String name, dev.npv.model.Protocol protocol) {
  }

  record NamedPortVars(BoolExpr defined, BitVecExpr port) {
  }

  SymbolicEndpoint(Context ctx, String role, Universe u) {
    this.role = role;
    this.ext = ctx.mkBoolConst(role + ".external");
    this.v6 = ctx.mkBoolConst(role + ".ipv6");
    this.ip4 = ctx.mkBVConst(role + ".ip4", 32);
    this.ip6 = ctx.mkBVConst(role + ".ip6", 128);
    this.ns = ctx.mkIntConst(role + ".ns");
    this.workload = ctx.mkIntConst(role + ".workload");
    ImmutableMap.Builder<String, IntExpr> nl = ImmutableMap.builder();
    u.namespaceLabels.keys().forEach(k -> nl.put(k, ctx.mkIntConst(role + ".nsLabel[" + k + "]")));
    this.nsLabels = nl.buildOrThrow();
    ImmutableMap.Builder<String, IntExpr> pl = ImmutableMap.builder();
    u.podLabels.keys().forEach(k -> pl.put(k, ctx.mkIntConst(role + ".podLabel[" + k + "]")));
    this.podLabels = pl.buildOrThrow();
    ImmutableMap.Builder<NamedPortKey, NamedPortVars> np = ImmutableMap.builder();
    for (String n : u.portNames) {
      for (dev.npv.model.Protocol proto : dev.npv.model.Protocol.values()) {
        String id = role + ".namedPort[" + n + "/" + proto + "]";
        np.put(new NamedPortKey(n, proto), new NamedPortVars(ctx.mkBoolConst(id + ".defined"), ctx.mkBVConst(id, 16)));
      }
    }
    this.namedPorts = np.buildOrThrow();
  }

  private SymbolicEndpoint(SymbolicEndpoint shared, ImmutableMap<String, IntExpr> nsLabels) {
    this.role = shared.role;
    this.ext = shared.ext;
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
   * labels, which a change may edit (a relabelled namespace is a classic way to open traffic).
   */
  SymbolicEndpoint inVersion(Context ctx, String version) {
    ImmutableMap.Builder<String, IntExpr> nl = ImmutableMap.builder();
    nsLabels.keySet().forEach(k -> nl.put(k, ctx.mkIntConst(role + "@" + version + ".nsLabel[" + k + "]")));
    return new SymbolicEndpoint(this, nl.buildOrThrow());
  }

  /** Range constraints that hold of every endpoint, in every world. */
  List<BoolExpr> domainConstraints(Context ctx, Universe u) {
    List<BoolExpr> out = new ArrayList<>();
    out.add(between(ctx, ns, 0, u.newNamespaceIndex()));
    out.add(between(ctx, workload, -1, u.workloads.size() - 1));
    nsLabels.forEach((k, v) -> out.add(between(ctx, v, 0, u.namespaceLabels.maxCode(k))));
    podLabels.forEach((k, v) -> out.add(between(ctx, v, 0, u.podLabels.maxCode(k))));
    namedPorts.values().forEach(p -> out.add(ctx.mkNot(ctx.mkEq(p.port(), ctx.mkBV(0, 16)))));
    return out;
  }

  static BoolExpr between(Context ctx, IntExpr x, int lo, int hi) {
    return ctx.mkAnd(ctx.mkGe(x, ctx.mkInt(lo)), ctx.mkLe(x, ctx.mkInt(hi)));
  }
}
