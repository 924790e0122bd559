package dev.npv.model;

import java.util.Optional;

/**
 * Cilium's entities (pkg/policy/api/entity.go; Documentation/security/policy/language.rst, "Entities
 * Based"): names for peers that have no labels of their own. How each maps onto npv's endpoints is
 * said in {@link #mapping}; the entities npv cannot place exactly are named in a load warning.
 */
public enum CiliumEntity {
  /** Every peer, in or outside the cluster. */
  ALL("all", "every endpoint: pods, nodes and outside addresses", true),
  /** Everything outside the cluster: addresses that are neither pods nor nodes. */
  WORLD("world", "outside addresses (neither a pod nor a node)", true),
  WORLD_IPV4("world-ipv4", "outside IPv4 addresses", true),
  WORLD_IPV6("world-ipv6", "outside IPv6 addresses", true),
  /** Every endpoint of the cluster: pods and nodes (and Cilium's own health, init, ingress endpoints). */
  CLUSTER("cluster", "every pod and node of the cluster", true),
  /** The node the subject endpoint runs on (and its hostNetwork pods); npv does not know pod placement. */
  HOST("host", "the subject's own node: npv does not know which node a pod runs on", false),
  /** Every node other than the subject's own. */
  REMOTE_NODE("remote-node", "nodes other than the subject's own: npv does not know which node a pod runs on", false),
  /** The Kubernetes API server, wherever it runs: npv does not know its addresses. */
  KUBE_APISERVER("kube-apiserver", "the API server, whose addresses npv does not know", false),
  /** Cilium's health-check endpoints: not pods npv knows. */
  HEALTH("health", "Cilium's health endpoints, which npv does not model", false),
  /** Endpoints whose identity is not resolved yet. */
  INIT("init", "endpoints still initialising, which npv does not model", false),
  /** Pods not managed by Cilium. */
  UNMANAGED("unmanaged", "pods Cilium does not manage, which npv does not model", false),
  /** Cilium's ingress (Envoy) proxy. */
  INGRESS("ingress", "Cilium's ingress proxy, which npv does not model", false),
  /** Nothing. */
  NONE("none", "nothing", true);

  private final String apiName;
  private final String mapping;
  private final boolean exact;

  CiliumEntity(String apiName, String mapping, boolean exact) {
    this.apiName = apiName;
    this.mapping = mapping;
    this.exact = exact;
  }

  public String apiName() {
    return apiName;
  }

  /** What the entity means in npv's terms. */
  public String mapping() {
    return mapping;
  }

  /** Whether npv's endpoints say exactly which of them the entity matches. */
  public boolean exact() {
    return exact;
  }

  public static Optional<CiliumEntity> parse(String text) {
    for (CiliumEntity e : values()) {
      if (e.apiName.equals(text)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
