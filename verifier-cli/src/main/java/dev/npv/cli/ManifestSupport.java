package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadResult;
import java.io.PrintWriter;
import java.util.List;

/** Loads manifests for a command and prints their diagnostics. */
final class ManifestSupport {
  private ManifestSupport() {
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
    java.util.Optional<String> problem = dev.npv.smt.SolverLibrary.problem();
    problem.ifPresent(p -> {
      err.println("npv: cannot load the Z3 native library: " + p);
      err.flush();
    });
    return problem.isEmpty();
  }
}
