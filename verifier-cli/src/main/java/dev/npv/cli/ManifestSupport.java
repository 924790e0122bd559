package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.kube.KubeClusterLoader;
import dev.npv.kube.KubeSource;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadResult;
import dev.npv.smt.SolverLibrary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

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
  static boolean solverAvailable(PrintWriter err) {
    Optional<String> problem = SolverLibrary.problem();
    problem.ifPresent(p -> {
      err.println("npv: cannot load the Z3 native library: " + p);
      err.flush();
    });
    return problem.isEmpty();
  }
}
