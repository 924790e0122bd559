package dev.npv.eval;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Cidr;
import java.util.List;

/**
 * Switches where real clusters differ. {@code ipBlockMatchesPods}: whether ipBlock peers match pod
 * IPs (true in the Kubernetes conformance tests and in most CNIs). {@code podCidrs}: the pod network
 * as the user states it ({@code --pod-cidr}); with the Node manifests' {@code spec.podCIDRs} it makes
 * the {@link AddressRules}. Empty: not stated (then Nodes' podCIDRs alone, if any).
 */
public record EvaluatorOptions(boolean ipBlockMatchesPods, ImmutableList<Cidr> podCidrs) {
  public static final EvaluatorOptions DEFAULT = new EvaluatorOptions(true);

  public EvaluatorOptions(boolean ipBlockMatchesPods) {
    this(ipBlockMatchesPods, ImmutableList.of());
  }

  public EvaluatorOptions withPodCidrs(List<Cidr> cidrs) {
    return new EvaluatorOptions(ipBlockMatchesPods, ImmutableList.copyOf(cidrs));
  }
}
