package dev.npv.model;

import java.util.Optional;

/**
 * A NetworkPolicyPeer after normalisation: either pods chosen by selectors or an address block.
 * The API forbids mixing the two in one peer; the loader rejects that. Admin policies' egress rules
 * may also name nodes by label ({@link Nodes}); NetworkPolicy has no such peer.
 */
public sealed interface Peer permits Peer.Pods, Peer.Addresses, Peer.Nodes {

  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R pods(Pods peer);

    R addresses(Addresses peer);

    R nodes(Nodes peer);
  }

  /**
   * Pods matched by selectors. {@code namespaceSelector} empty means "the policy's own namespace";
   * present means every namespace it matches. {@code podSelector} empty means every pod (of those
   * namespaces). Both present = AND.
   */
  record Pods(Optional<LabelSelector> namespaceSelector, Optional<LabelSelector> podSelector)
      implements Peer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pods(this);
    }

    @Override
    public String toString() {
      String ns = namespaceSelector.map(s -> "namespaceSelector " + s).orElse("");
      String pod = podSelector.map(s -> "podSelector " + s).orElse("");
      return (ns + (ns.isEmpty() || pod.isEmpty() ? "" : " and ") + pod).trim();
    }
  }

  /** An ipBlock peer. */
  record Addresses(IpBlock block) implements Peer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.addresses(this);
    }

    @Override
    public String toString() {
      return "ipBlock " + block;
    }
  }

  /**
   * An admin policy's {@code nodes} egress peer: the addresses ({@code status.addresses}) of the nodes
   * whose labels {@code selector} matches; empty selects every node. Never a pod, hostNetwork or not.
   */
  record Nodes(LabelSelector selector) implements Peer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.nodes(this);
    }

    @Override
    public String toString() {
      return "nodes " + selector;
    }
  }
}
