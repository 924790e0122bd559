package dev.npv.verify;

import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.Invariant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The address boundaries that matter to a check: the cluster's ipBlocks and the invariants' own. */
public final class AddressBlocks {
  private AddressBlocks() {
  }

  /** Every CIDR (and except) the policies and the invariants name; between them decisions are constant. */
  public static Set<Cidr> of(Cluster cluster, List<Invariant> invariants) {
    Set<Cidr> out = cluster.addressBlocks();
    for (Invariant inv : invariants) {
      Stream.concat(inv.from().selectors().stream(), inv.to().selectors().stream())
          .map(EndpointSelector::ipBlock).flatMap(Optional::stream).forEach(b -> {
            out.add(b.cidr());
            out.addAll(b.except());
          });
    }
    return out;
  }
}
