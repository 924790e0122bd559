package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * The parts of metadata npv reads. {@code namespace} is as written, or for a namespaced kind that gives
 * none the load's namespace ({@code -n}, else {@link PolicyNormalizer#DEFAULT_NAMESPACE}; see
 * {@link InputDefaults}); empty only for cluster-scoped kinds. {@code nameLocation} points at the name's
 * value (or at {@code generateName}'s, for a generated name).
 */
record ObjectMeta(String name, Optional<String> namespace, ImmutableSortedMap<String, String> labels,
                  ImmutableList<OwnerRef> owners, SourceLocation nameLocation) {

  /** An ownerReferences entry; {@code controller} marks the managing controller. */
  record OwnerRef(String apiVersion, String kind, String name, boolean controller) {
  }

  Optional<OwnerRef> controller() {
    return owners.stream().filter(OwnerRef::controller).findFirst();
  }
}
