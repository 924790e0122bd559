package dev.npv.smt;

import dev.npv.eval.Connection;
import java.util.Optional;

/**
 * A concrete connection decoded from a solver model, in plain data: nothing of the solver survives.
 * For each end: the known workload it is (if any) and whether its namespace is one npv made up.
 */
public record Witness(Connection connection, EndProvenance source, EndProvenance destination) {

  /**
   * Where a witness endpoint comes from: a known workload, a hypothetical pod (maybe in a new namespace),
   * or an address (maybe of a node that could join the cluster: {@code newNode}).
   */
  public record EndProvenance(Optional<String> workload, boolean newNamespace, boolean external, boolean newNode) {
    public EndProvenance(Optional<String> workload, boolean newNamespace, boolean external) {
      this(workload, newNamespace, external, false);
    }

    public boolean hypothetical() {
      return !external && workload.isEmpty();
    }
  }
}
