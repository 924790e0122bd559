package dev.npv.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Solver options shared by the commands that run Z3 (lint declares its own, shorter timeout). */
final class SolverOptions {
  @Option(names = "--rlimit", defaultValue = "0", paramLabel = "N",
      description = "Z3 resource limit per query (machine-independent; 0 = none). Exceeding it gives UNKNOWN.")
  long resourceLimit;

  @Option(names = "--dump-smt", paramLabel = "DIR",
      description = "Write every solver query to DIR as SMT-LIB2, to replay with the z3 binary.")
  Optional<Path> dumpSmt;
}
