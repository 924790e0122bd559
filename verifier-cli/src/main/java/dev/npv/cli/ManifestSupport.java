package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.kube.KubeClusterLoader;
import dev.npv.kube.KubeSource;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadResult;
import dev.npv.model.Cluster;
import dev.npv.model.UnmodelledPolicy;
import dev.npv.smt.SolverLibrary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Loads manifests for a command and prints their diagnostics. */
final class ManifestSupport {
  private ManifestSupport() {
  }

  /** Loads PATHs, or with --cluster the live cluster; a usage error unless exactly one of them is given. */
  static LoadResult load(List<String> paths, CommonOptions common, ClusterOptions cluster, PrintWriter err)
      throws InvalidInputException {
    cluster.requireOneSource(paths);
    if (!cluster.enabled) {
      return load(paths, common, err);
    }
    return loadCluster(common, cluster, err);
  }

  /** Loads the live cluster of the --cluster options. */
  static LoadResult loadCluster(CommonOptions common, ClusterOptions cluster, PrintWriter err)
      throws InvalidInputException {
    KubeSource source = cluster.source(Optional.ofNullable(common.namespace));
    try {
      LoadResult r = new KubeClusterLoader().load(source, common.loadOptions());
      new DiagnosticPrinter(err, common.verbose).print(r.diagnostics());
      return r;
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      throw e;
    }
  }

  static LoadResult load(List<String> paths, CommonOptions common, PrintWriter err) throws InvalidInputException {
    try {
      LoadResult r = new ClusterLoader().load(paths, common.loadOptions());
      new DiagnosticPrinter(err, common.verbose).print(r.diagnostics());
      return r;
    } catch (InvalidInputException e) {
      new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
      throw e;
    }
  }

  /** Loads the Z3 native library up front, so a failure is one clear error with its own exit code. */
  /**
   * Whether a policy of a kind npv does not model could change the answer about pods of
   * {@code namespaces} (empty: any pod). Says so on one line: such an answer is untrustworthy, so the
   * command exits UNKNOWN rather than 0 (check, reach and diff do the same per verdict).
   */
  static boolean unmodelledCouldChange(Cluster cluster, Optional<Set<String>> namespaces, PrintWriter err) {
    List<UnmodelledPolicy> relevant = cluster.unmodelledPolicies().stream()
        .filter(p -> p.clusterWide() || namespaces.isEmpty() || namespaces.get().contains(p.namespace().get()))
        .toList();
    if (relevant.isEmpty()) {
      return false;
    }
    err.println("npv: " + relevant.size() + " polic" + (relevant.size() == 1 ? "y" : "ies") + " of kinds npv does"
        + " not model could change this answer (e.g. " + relevant.get(0) + "); exit " + ExitCodes.UNKNOWN
        + " (--ignore-unmodelled KIND decides as if they were absent)");
    return true;
  }

  static boolean solverAvailable(PrintWriter err) {
    Optional<String> problem = SolverLibrary.problem();
    problem.ifPresent(p -> {
      err.println("npv: cannot load the Z3 native library: " + p);
      err.flush();
    });
    return problem.isEmpty();
  }
}
