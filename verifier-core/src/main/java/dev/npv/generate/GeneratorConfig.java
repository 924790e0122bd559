package dev.npv.generate;

/**
 * What {@link ClusterGenerator} builds: {@code namespaces} application namespaces (plus three
 * infrastructure namespaces), each with {@code workloadsPerNamespace} workloads and exactly
 * {@code policiesPerNamespace} NetworkPolicies; {@code seed} fixes every random choice.
 */
public record GeneratorConfig(int namespaces, int workloadsPerNamespace, int policiesPerNamespace, long seed) {
  public GeneratorConfig {
    if (namespaces < 1 || namespaces > 100_000) {
      throw new IllegalArgumentException("namespaces must be between 1 and 100000, got " + namespaces);
    }
    if (workloadsPerNamespace < 0 || workloadsPerNamespace > 10_000) {
      throw new IllegalArgumentException("workloadsPerNamespace must be between 0 and 10000, got "
          + workloadsPerNamespace);
    }
    if (policiesPerNamespace < 0 || policiesPerNamespace > 10_000) {
      throw new IllegalArgumentException("policiesPerNamespace must be between 0 and 10000, got "
          + policiesPerNamespace);
    }
  }
}
