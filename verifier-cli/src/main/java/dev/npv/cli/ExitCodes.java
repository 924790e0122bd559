package dev.npv.cli;

/** The documented exit codes of every npv command. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int VIOLATED = 1;
  public static final int USAGE = 2;
  public static final int INVALID_INPUT = 3;
  public static final int UNKNOWN = 4;
  public static final int INTERNAL_ERROR = 5;
  public static final int SOLVER_UNAVAILABLE = 6;

  public static final String HELP =
      "Exit codes:"
      + "%n" + "  0  success: every invariant got its expected verdict (PROVEN unless recorded otherwise)"
      + "%n" + "  1  some invariant was VIOLATED (or differs from its expectedVerdict)"
      + "%n" + "  2  usage error (bad command-line arguments)"
      + "%n" + "  3  invalid input: manifests or specs have errors (printed as file:line:column), or --cluster could not read the cluster"
      + "%n" + "  4  unknown: no failure found, but the solver could not decide some invariant, or a policy"
      + "%n" + "     kind npv does not model could change it (see --ignore-unmodelled)"
      + "%n" + "  5  internal error: a bug in npv (e.g. the encoder and the reference evaluator disagree)"
      + "%n" + "  6  the Z3 native library could not be loaded";

  private ExitCodes() {
  }
}
