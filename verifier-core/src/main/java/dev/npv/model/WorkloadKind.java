package dev.npv.model;

import java.util.Optional;

/**
 * The kinds whose pods npv models: bare pods and the pod templates of the workload controllers, each
 * with the API group it is served from (core is {@code ""}).
 */
public enum WorkloadKind {
  Pod(""), Deployment("apps"), StatefulSet("apps"), DaemonSet("apps"), ReplicaSet("apps"),
  ReplicationController(""), Job("batch"), CronJob("batch");

  private final String apiGroup;

  WorkloadKind(String apiGroup) {
    this.apiGroup = apiGroup;
  }

  public static Optional<WorkloadKind> parse(String kind) {
    for (WorkloadKind k : values()) {
      if (k.name().equals(kind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * The kind an ownerReference names, when it is one of these in its own API group
   * ({@code apiVersion} {@code apps/v1}, {@code batch/v1}, {@code v1}); a custom resource that
   * happens to be called {@code Deployment} is not one.
   */
  public static Optional<WorkloadKind> ofOwner(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return parse(kind).filter(k -> k.apiGroup.equals(group));
  }
}
