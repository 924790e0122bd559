package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The connections an invariant is about, as formulas over the session's symbolic connection: two
 * distinct endpoints of the world, one in {@code from} and one in {@code to}, on the invariant's ports.
 */
final class InvariantScope {
  private final Context ctx;
  private final ConnectionEncoder enc;
  private final InvariantEncoder inv;
  private final SymbolicConnection conn;

  InvariantScope(Context ctx, ConnectionEncoder enc, InvariantEncoder inv, SymbolicConnection conn) {
    this.ctx = ctx;
    this.enc = enc;
    this.inv = inv;
    this.conn = conn;
  }

  /** The pairs and the ports, with the terms that depend on the known workloads from {@code e}. */
  List<BoolExpr> of(Invariant invariant, World world, ConnectionEncoder e) {
    List<BoolExpr> out = new ArrayList<>(pairs(invariant.from(), invariant.to(), world, e));
    out.add(e.ports(invariant.ports(), conn));
    return out;
  }

  /** Both ends in {@code world}, distinct, the source in {@code from} and the destination in {@code to}. */
  List<BoolExpr> pairs(EndpointSet from, EndpointSet to, World world, ConnectionEncoder e) {
    return List.of(enc.world(conn.src, world), enc.world(conn.dst, world), e.distinct(conn.src, conn.dst),
        inv.member(from, conn.src), inv.member(to, conn.dst));
  }

  /** {@code set} holds the end ({@code asSource}: the source; else the destination), in {@code world}. */
  List<BoolExpr> member(EndpointSet set, World world, boolean asSource) {
    SymbolicEndpoint e = asSource ? conn.src : conn.dst;
    return List.of(enc.world(e, world), inv.member(set, e));
  }

  /** The end is an address, or a pod in one of {@code namespaces}. */
  BoolExpr inNamespaces(SymbolicEndpoint e, BitSet namespaces) {
    List<BoolExpr> in = new ArrayList<>();
    in.add(e.ext);
    namespaces.stream().forEach(i -> in.add(ctx.mkEq(e.ns, ctx.mkInt(i))));
    return enc.or(in);
  }
}
