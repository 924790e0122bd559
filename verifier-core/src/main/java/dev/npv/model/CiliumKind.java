package dev.npv.model;

/**
 * The two cilium.io/v2 policy kinds. A CiliumNetworkPolicy is namespaced: its subjects and, unless a
 * selector names a namespace, its endpoint peers are pods of its own namespace. A
 * CiliumClusterwideNetworkPolicy selects across namespaces (and may select nodes: host policies).
 */
public enum CiliumKind {
  NAMESPACED("CiliumNetworkPolicy", "CNP cilium"),
  CLUSTERWIDE("CiliumClusterwideNetworkPolicy", "CCNP cilium");

  private final String apiName;
  private final String tag;

  CiliumKind(String apiName, String tag) {
    this.apiName = apiName;
    this.tag = tag;
  }

  /** The kind as manifests write it. */
  public String apiName() {
    return apiName;
  }

  /** How reports name the kind, e.g. {@code [CNP cilium] ns/name}. */
  public String tag() {
    return tag;
  }
}
