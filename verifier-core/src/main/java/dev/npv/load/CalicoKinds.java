package dev.npv.load;

import com.google.common.collect.ImmutableSet;

/**
 * The Calico kinds npv reads, in the two shapes they come in: projectcalico.org/v3 (what users apply
 * through the Calico API server or calicoctl) and crd.projectcalico.org/v1 (the CRDs that back them, as a
 * cluster export shows; same spec fields). Calico's NetworkPolicy differs from Kubernetes' only by
 * apiVersion.
 */
final class CalicoKinds {
  static final String V3 = "projectcalico.org/v3";
  static final String CRD_V1 = "crd.projectcalico.org/v1";
  static final ImmutableSet<String> API_VERSIONS = ImmutableSet.of(V3, CRD_V1);
  static final String NETWORK_POLICY = "NetworkPolicy";
  static final String GLOBAL_NETWORK_POLICY = "GlobalNetworkPolicy";
  static final String TIER = "Tier";
  static final String NETWORK_SET = "NetworkSet";
  static final String GLOBAL_NETWORK_SET = "GlobalNetworkSet";
  static final ImmutableSet<String> KINDS = ImmutableSet.of(NETWORK_POLICY, GLOBAL_NETWORK_POLICY, TIER,
      NETWORK_SET, GLOBAL_NETWORK_SET);

  private CalicoKinds() {
  }

  static boolean is(String apiVersion, String kind) {
    return API_VERSIONS.contains(apiVersion) && KINDS.contains(kind);
  }

  /** NetworkPolicy and NetworkSet live in a namespace; the others are cluster-wide. */
  static boolean isNamespaced(String kind) {
    return kind.equals(NETWORK_POLICY) || kind.equals(NETWORK_SET);
  }

  static boolean is(Manifest m) {
    return is(m.apiVersion(), m.kind());
  }
}
