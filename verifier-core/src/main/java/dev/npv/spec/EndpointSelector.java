package dev.npv.spec;

import dev.npv.diag.SourceLocation;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import java.util.Optional;

/**
 * One entry of an invariant's {@code from}/{@code to}. Either external addresses ({@code ipBlock}
 * only) or pods: every given constraint must hold (namespace name AND namespaceSelector AND
 * podSelector AND workload). Unlike a NetworkPolicyPeer there is no "policy namespace": a
 * podSelector alone means matching pods in any namespace.
 */
public record EndpointSelector(Optional<String> namespace, Optional<LabelSelector> namespaceSelector,
                               Optional<LabelSelector> podSelector, Optional<WorkloadRef> workload,
                               Optional<IpBlock> ipBlock, SourceLocation location) {
  public boolean isExternal() {
    return ipBlock.isPresent();
  }

  /** A reference to a workload of the manifests, {@code namespace/name}. */
  public record WorkloadRef(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }
}
