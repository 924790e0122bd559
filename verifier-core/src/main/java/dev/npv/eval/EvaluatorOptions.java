package dev.npv.eval;

/**
 * Switches where real clusters differ. {@code ipBlockMatchesPods}: whether ipBlock peers match pod
 * IPs (true in the Kubernetes conformance tests and in most CNIs).
 */
public record EvaluatorOptions(boolean ipBlockMatchesPods) {
  public static final EvaluatorOptions DEFAULT = new EvaluatorOptions(true);
}
