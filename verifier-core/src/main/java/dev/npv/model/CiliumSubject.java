package dev.npv.model;

/**
 * What a Cilium rule applies to: endpoints ({@code endpointSelector}: pods) or, in a clusterwide
 * policy only, nodes ({@code nodeSelector}: a host policy, enforced on the nodes' own traffic).
 */
public sealed interface CiliumSubject permits CiliumSubject.Endpoints, CiliumSubject.Nodes {

  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R endpoints(Endpoints subject);

    R nodes(Nodes subject);
  }

  /**
   * Pods whose Cilium labels match {@code selector}. For a CiliumNetworkPolicy the loader has already
   * restricted the selector to the policy's namespace, as Cilium does (ParseToCiliumRule).
   */
  record Endpoints(CiliumSelector selector) implements CiliumSubject {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.endpoints(this);
    }

    @Override
    public String toString() {
      return "endpointSelector " + selector;
    }
  }

  /** Nodes whose labels match {@code selector}: a host policy (not modelled by the evaluators). */
  record Nodes(LabelSelector selector) implements CiliumSubject {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.nodes(this);
    }

    @Override
    public String toString() {
      return "nodeSelector " + selector;
    }
  }
}
