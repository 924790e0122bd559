package dev.npv.smt;

import dev.npv.model.Direction;
import dev.npv.spec.EndpointSet;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Namespace slicing for check queries: the namespaces each end of an invariant may be in (a policy
 * only ever selects pods of its own namespace, so the policies of other namespaces are left out of the
 * query), the known workloads of a slice, and the quiet part of a wide slice for a cheap first try.
 * Plain Java; one per session.
 */
final class NamespaceSlices {
  /** Namespace slices wider than this get a first try on their quiet part. */
  static final int WIDE_SLICE = 16;

  private final Universe universe;
  private final InvariantEncoder inv;
  /** Each slice's workloads, found once: every closed-world query asks for both ends' slices. */
  private final Map<BitSet, TreeSet<Integer>> workloadsBySlice = new HashMap<>();

  NamespaceSlices(Universe universe, InvariantEncoder inv) {
    this.universe = universe;
    this.inv = inv;
  }

  /** The namespace indices (NEW included) a pod of {@code set} can be in; see {@link InvariantEncoder#namespaces}. */
  BitSet of(EndpointSet set) {
    return inv.namespaces(set);
  }

  /**
   * A cheap first try for an end whose scope spans many namespaces: only the namespaces where no
   * NetworkPolicy isolates its side (and a new namespace), so the try carries few policies. Most
   * broken isolation claims over "every other namespace" are shown there, at a fraction of the cost
   * of carrying every namespace's policies; if not, the full query decides. Empty when no end is
   * wide enough for this to pay.
   */
  Optional<List<BitSet>> quiet(BitSet srcNamespaces, BitSet dstNamespaces) {
    boolean srcWide = srcNamespaces.cardinality() > WIDE_SLICE;
    boolean dstWide = dstNamespaces.cardinality() > WIDE_SLICE;
    if (!srcWide && !dstWide) {
      return Optional.empty();
    }
    BitSet s = srcWide ? quietPart(srcNamespaces, Direction.EGRESS) : srcNamespaces;
    BitSet d = dstWide ? quietPart(dstNamespaces, Direction.INGRESS) : dstNamespaces;
    return s.isEmpty() || d.isEmpty() ? Optional.empty() : Optional.of(List.of(s, d));
  }

  private BitSet quietPart(BitSet slice, Direction side) {
    BitSet out = (BitSet) slice.clone();
    universe.cluster.policies().stream().filter(p -> p.isolates(side))
        .forEach(p -> out.clear(universe.namespaceIndex.get(p.namespace())));
    return out;
  }

  /** The indices of the known workloads in {@code namespaces}. */
  TreeSet<Integer> workloadsIn(BitSet namespaces) {
    return workloadsBySlice.computeIfAbsent(namespaces, this::findWorkloadsIn);
  }

  private TreeSet<Integer> findWorkloadsIn(BitSet namespaces) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int i = 0; i < universe.workloads.size(); i++) {
      if (namespaces.get(universe.namespaceIndex.get(universe.workloads.get(i).namespace()))) {
        out.add(i);
      }
    }
    return out;
  }
}
