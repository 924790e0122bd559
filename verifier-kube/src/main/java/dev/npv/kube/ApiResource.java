package dev.npv.kube;

import com.google.common.collect.ImmutableList;

/**
 * One kind the reader lists, by its REST coordinates. {@code optional} kinds are custom resources a
 * cluster may not serve (then they are skipped with a note); the built-in kinds are always served.
 */
record ApiResource(String group, String version, String plural, String kind, boolean namespaced,
                   boolean optional) {
  /** Every kind npv models (verifier-core's ManifestReader), in the order objects are handed to the loader. */
  static final ImmutableList<ApiResource> MODELLED = ImmutableList.of(
      builtIn("", "v1", "namespaces", "Namespace", false),
      builtIn("", "v1", "nodes", "Node", false),
      builtIn("", "v1", "pods", "Pod", true),
      builtIn("", "v1", "replicationcontrollers", "ReplicationController", true),
      builtIn("apps", "v1", "deployments", "Deployment", true),
      builtIn("apps", "v1", "replicasets", "ReplicaSet", true),
      builtIn("apps", "v1", "statefulsets", "StatefulSet", true),
      builtIn("apps", "v1", "daemonsets", "DaemonSet", true),
      builtIn("batch", "v1", "jobs", "Job", true),
      builtIn("batch", "v1", "cronjobs", "CronJob", true),
      builtIn("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
      custom("policy.networking.k8s.io", "v1alpha1", "adminnetworkpolicies", "AdminNetworkPolicy", false),
      custom("policy.networking.k8s.io", "v1alpha1", "baselineadminnetworkpolicies", "BaselineAdminNetworkPolicy",
          false),
      // The served version npv reads, newest first: one kind is read in one version only.
      custom("policy.networking.k8s.io", "v1beta1", "clusternetworkpolicies", "ClusterNetworkPolicy", false),
      custom("policy.networking.k8s.io", "v1alpha2", "clusternetworkpolicies", "ClusterNetworkPolicy", false));

  private static ApiResource builtIn(String group, String version, String plural, String kind, boolean namespaced) {
    return new ApiResource(group, version, plural, kind, namespaced, false);
  }

  private static ApiResource custom(String group, String version, String plural, String kind, boolean namespaced) {
    return new ApiResource(group, version, plural, kind, namespaced, true);
  }

  /** {@code v1} or {@code apps/v1}, as in an object's apiVersion. */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code pods} or {@code networkpolicies.networking.k8s.io}, as kubectl and RBAC name it. */
  String resourceName() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
