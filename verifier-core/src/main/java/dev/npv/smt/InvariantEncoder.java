package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** An invariant's endpoint sets as formulas over one symbolic endpoint. */
final class InvariantEncoder {
  private final Context ctx;
  private final Universe u;
  private final ConnectionEncoder enc;

  InvariantEncoder(Context ctx, Universe u, ConnectionEncoder enc) {
    this.ctx = ctx;
    this.u = u;
    this.enc = enc;
  }

  /** Membership in the union of the set's selectors; an absent set is every endpoint. */
  BoolExpr member(EndpointSet set, SymbolicEndpoint e) {
    if (set.any()) {
      return ctx.mkTrue();
    }
    return enc.or(set.selectors().stream().map(s -> member(s, e)).toList());
  }

  /** An ipBlock or nodeSelector means addresses (nodes' or not); otherwise pods meeting every given constraint. */
  BoolExpr member(EndpointSelector s, SymbolicEndpoint e) {
    if (s.isExternal()) {
      List<BoolExpr> out = new ArrayList<>();
      out.add(e.ext);
      s.ipBlock().ifPresent(b -> out.add(enc.inBlock(e, b)));
      s.nodeSelector().ifPresent(sel -> out.add(enc.node(sel, e)));
      return enc.and(out);
    }
    List<BoolExpr> out = new ArrayList<>();
    out.add(ctx.mkNot(e.ext));
    s.namespace().ifPresent(n -> out.add(ctx.mkEq(e.ns, ctx.mkInt(u.namespaceIndex.get(n)))));
    s.namespaceSelector().ifPresent(sel -> out.add(enc.selector(sel, e.nsLabels, u.namespaceLabels)));
    s.podSelector().ifPresent(sel -> out.add(enc.selector(sel, e.podLabels, u.podLabels)));
    s.workload().ifPresent(w -> {
      List<Integer> indices = u.workloadIndices(w.namespace(), w.name());
      if (indices.isEmpty()) {
        // Callers resolve references first; an unknown one must never silently mean "any pod".
        throw new IllegalArgumentException("unknown workload " + w);
      }
      out.add(enc.or(indices.stream().map(i -> enc.isWorkload(e, i)).toList()));
    });
    return enc.and(out);
  }

  /**
   * A superset of the namespace indices (NEW included) a pod of {@code set} can be in, decided
   * concretely: names and workloads pin one namespace, a namespaceSelector keeps the declared
   * namespaces it matches plus every namespace whose labels are open. Addresses have none.
   */
  BitSet namespaces(EndpointSet set) {
    BitSet all = new BitSet();
    all.set(0, u.newNamespaceIndex() + 1);
    if (set.any()) {
      return all;
    }
    BitSet out = new BitSet();
    for (EndpointSelector s : set.selectors()) {
      if (s.isExternal()) {
        continue;
      }
      BitSet these = (BitSet) all.clone();
      s.namespace().ifPresent(n -> these.and(single(u.namespaceIndex.get(n))));
      s.workload().ifPresent(w -> these.and(single(u.namespaceIndex.get(w.namespace()))));
      s.namespaceSelector().ifPresent(sel -> {
        for (int i = 0; i < u.newNamespaceIndex(); i++) {
          if (u.declared(i).filter(ns -> !sel.matches(ns.labels())).isPresent()) {
            these.clear(i);
          }
        }
      });
      out.or(these);
    }
    return out;
  }

  private static BitSet single(int index) {
    BitSet b = new BitSet();
    b.set(index);
    return b;
  }
}
