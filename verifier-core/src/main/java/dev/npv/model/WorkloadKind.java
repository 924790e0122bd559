package dev.npv.model;

import java.util.Optional;

/** The kinds whose pods npv models: bare pods and the pod templates of the workload controllers. */
public enum WorkloadKind {
  Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob;

  public static Optional<WorkloadKind> parse(String kind) {
    for (WorkloadKind k : values()) {
      if (k.name().equals(kind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
