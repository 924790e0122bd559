package dev.npv.smt;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import dev.npv.model.Protocol;
import java.util.List;

/**
 * The connection a query is about: a source, a destination, an L4 protocol and a destination port
 * ({@code conn.protocol}, {@code conn.port}), with the facts that hold of every such connection. The
 * protocol is an integer code; {@link #protocolIs} and {@link #protocolOf} are the only places that
 * know which code stands for which {@link Protocol}, and {@link #domainFacts} bounds it by the enum, so
 * a new protocol needs no other change here. Confined to the session that made it.
 */
final class SymbolicConnection {
  private final Context ctx;
  final SymbolicEndpoint src;
  final SymbolicEndpoint dst;
  final IntExpr protocol;
  final BitVecExpr port;

  SymbolicConnection(Context ctx, SymbolicEndpoint src, SymbolicEndpoint dst, IntExpr protocol, BitVecExpr port) {
    this.ctx = ctx;
    this.src = src;
    this.dst = dst;
    this.protocol = protocol;
    this.port = port;
  }

  /** A fresh connection over {@code u}'s domains: {@code src.*}, {@code dst.*}, {@code conn.*}. */
  static SymbolicConnection of(Context ctx, Universe u) {
    // Created in this order (source, destination, protocol, port): Z3 numbers terms as they are made,
    // and the order can steer which model it picks.
    SymbolicEndpoint src = new SymbolicEndpoint(ctx, "src", u);
    SymbolicEndpoint dst = new SymbolicEndpoint(ctx, "dst", u);
    return new SymbolicConnection(ctx, src, dst, protocolVariable(ctx), portVariable(ctx));
  }

  static IntExpr protocolVariable(Context ctx) {
    return ctx.mkIntConst("conn.protocol");
  }

  static BitVecExpr portVariable(Context ctx) {
    return ctx.mkBVConst("conn.port", 16);
  }

  /** The same connection between these ends (e.g. the ends as another version of the manifests sees them). */
  SymbolicConnection between(SymbolicEndpoint source, SymbolicEndpoint destination) {
    return new SymbolicConnection(ctx, source, destination, protocol, port);
  }

  /** What holds of every connection: one of the protocols, a non-zero port. */
  List<BoolExpr> domainFacts() {
    return List.of(SymbolicEndpoint.between(ctx, protocol, 0, Protocol.values().length - 1),
        ctx.mkNot(ctx.mkEq(port, ctx.mkBV(0, 16))));
  }

  /** {@code protocol} (a connection's protocol variable) is {@code p}. */
  static BoolExpr protocolIs(Context ctx, IntExpr protocol, Protocol p) {
    return ctx.mkEq(protocol, ctx.mkInt(p.ordinal()));
  }

  /** The protocol a model's code for {@code conn.protocol} stands for. */
  static Protocol protocolOf(int code) {
    return Protocol.values()[code];
  }
}
