package dev.npv.spec;

import dev.npv.diag.SourceLocation;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import java.util.Optional;

/**
 * One entry of an invariant's {@code from}/{@code to}. Either addresses outside the pod network
 * ({@code ipBlock}, {@code nodeSelector}: the addresses of nodes with matching labels, known or, in the
 * open world, new; both = AND) or pods: every given constraint must hold (namespace name AND
 * namespaceSelector AND podSelector AND workload). Unlike a NetworkPolicyPeer there is no "policy
 * namespace": a podSelector alone means matching pods in any namespace.
 */
public record EndpointSelector(Optional<String> namespace, Optional<LabelSelector> namespaceSelector,
                               Optional<LabelSelector> podSelector, Optional<WorkloadRef> workload,
                               Optional<IpBlock> ipBlock, Optional<LabelSelector> nodeSelector,
                               SourceLocation location) {
  /** Without a nodeSelector. */
  public EndpointSelector(Optional<String> namespace, Optional<LabelSelector> namespaceSelector,
                          Optional<LabelSelector> podSelector, Optional<WorkloadRef> workload,
                          Optional<IpBlock> ipBlock, SourceLocation location) {
    this(namespace, namespaceSelector, podSelector, workload, ipBlock, Optional.empty(), location);
  }

  /** Addresses (maybe nodes'), not pods. */
  public boolean isExternal() {
    return ipBlock.isPresent() || nodeSelector.isPresent();
  }

  /** A reference to a workload of the manifests, {@code namespace/name}. */
  public record WorkloadRef(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }
}
