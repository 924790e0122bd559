package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "Policy allows the connection", built once per encoder and pair of namespace slices (Java-side) and
 * asserted only inside each query's scope: definitions left at a solver's base level would be carried
 * by every later check and slow them all down (measured: even guarded by the end's namespace, they
 * made issue-2's checks twice as slow).
 */
final class AllowedFormulas {
  private final SymbolicConnection conn;
  /** Keyed by encoder (by identity) and the two slices. */
  private final Map<List<Object>, BoolExpr> bySlice = new HashMap<>();

  AllowedFormulas(SymbolicConnection conn) {
    this.conn = conn;
  }

  BoolExpr allowed(ConnectionEncoder enc, BitSet srcNamespaces, BitSet dstNamespaces) {
    return bySlice.computeIfAbsent(List.of(enc, srcNamespaces, dstNamespaces),
        k -> enc.allowed(conn, srcNamespaces, dstNamespaces));
  }
}
