package dev.npv.eval;

/**
 * How one peer fared against the endpoint at the other end, and which test of the peer's semantics
 * decided it (in the order {@link ReferenceEvaluator} tests them). The evaluator reads only
 * {@link #matches}; explanations put the step in words, so their reasons cannot disagree with it.
 */
public enum PeerVerdict {
  /** A pod peer: the endpoint is a pod in a matching namespace with matching labels. */
  POD_MATCHES(true),
  /** A pod peer, and the endpoint is an external address. */
  NOT_A_POD(false),
  /** A pod peer, and the endpoint is a hostNetwork pod: selectors never match those. */
  HOST_NETWORK_POD(false),
  /** A pod peer whose namespaceSelector does not match the pod's namespace labels. */
  NAMESPACE_SELECTOR_MISMATCH(false),
  /** A pod peer without namespaceSelector, and the pod is in another namespace than the policy's. */
  OTHER_NAMESPACE(false),
  /** A pod peer whose podSelector does not match the pod's labels. */
  POD_SELECTOR_MISMATCH(false),
  /** An ipBlock peer: the address is in the cidr and in none of the excepts. */
  IN_BLOCK(true),
  /** An ipBlock peer, and the endpoint is a pod while ipBlocks are set not to match pod IPs. */
  POD_IPS_NOT_MATCHED(false),
  /**
   * An ipBlock peer, and the pod's IP is not given by the manifests: whether it matches depends on that
   * address, read as no match (the verdict holds for the addresses outside the block only).
   */
  IP_UNKNOWN(false),
  /** An ipBlock peer, the pod's IP is not given, and the stated pod network lies wholly in the block. */
  POD_NETWORK_IN_BLOCK(true),
  /** An ipBlock peer, the pod's IP is not given, and the stated pod network lies wholly outside the block. */
  POD_NETWORK_OUTSIDE_BLOCK(false),
  /** An ipBlock peer, and the address is outside its cidr. */
  OUTSIDE_CIDR(false),
  /** An ipBlock peer, and the address is in its cidr but also in an except. */
  IN_EXCEPT(false),
  /** A nodes peer: the address is a node's whose labels the selector matches. */
  NODE_MATCHES(true),
  /** A nodes peer, and the endpoint is no node's address. */
  NOT_A_NODE(false),
  /** A nodes peer whose selector does not match the node's labels. */
  NODE_SELECTOR_MISMATCH(false);

  private final boolean matches;

  PeerVerdict(boolean matches) {
    this.matches = matches;
  }

  public boolean matches() {
    return matches;
  }
}
