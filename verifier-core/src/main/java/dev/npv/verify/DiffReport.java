package dev.npv.verify;

import com.google.common.collect.ImmutableList;

/**
 * What a change does to connectivity: the symbolic findings (per scope, opened and closed), the
 * collateral check against an intended delta (if one was given), the concrete connection changes
 * between known endpoints, and the workloads added and removed.
 */
public record DiffReport(ImmutableList<DiffFinding> findings, ImmutableList<DiffFinding> collateral,
                         boolean intendedGiven, boolean scoped, ImmutableList<WorkloadChange> connectionChanges,
                         ImmutableList<String> addedWorkloads, ImmutableList<String> removedWorkloads) {

  /** With scopes (--spec), only the symbolic findings inside them count; the workload view is context. */
  private boolean countsConcrete() {
    return !scoped;
  }

  public boolean opensTraffic() {
    return findings.stream().anyMatch(f -> f.opened() && f.status() == DiffFinding.Status.FOUND)
        || countsConcrete() && connectionChanges.stream().anyMatch(WorkloadChange::opens);
  }

  public boolean changesTraffic() {
    return findings.stream().anyMatch(f -> f.status() == DiffFinding.Status.FOUND)
        || countsConcrete() && !connectionChanges.isEmpty();
  }

  public boolean hasCollateral() {
    return collateral.stream().anyMatch(f -> f.status() == DiffFinding.Status.FOUND);
  }

  public boolean anyUnknown() {
    return findings.stream().anyMatch(f -> f.status() == DiffFinding.Status.UNKNOWN)
        || collateral.stream().anyMatch(f -> f.status() == DiffFinding.Status.UNKNOWN);
  }
}
