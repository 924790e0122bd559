package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every Kubernetes defaulting decision the loader makes, one method per rule, each citing the API
 * reference (networking.k8s.io/v1 NetworkPolicy, core/v1) or the control-plane behaviour it follows.
 * Readers only parse and validate; what an omitted field means is decided here.
 */
public final class PolicyNormalizer {
  /** The namespace of an object whose manifest has no metadata.namespace (kubectl's default context). */
  public static final String DEFAULT_NAMESPACE = "default";

  private PolicyNormalizer() {
  }

  /**
   * NetworkPolicySpec.policyTypes: "If this field is not specified, it will default based on the
   * existence of ingress or egress rules; policies that contain an egress section are assumed to
   * affect egress, and all policies (whether or not they contain an ingress section) are assumed to
   * affect ingress." The defaulting code (SetDefaults_NetworkPolicy) treats an empty list as omitted
   * and checks {@code len(spec.Egress) != 0}, so {@code egress: []} does not add Egress.
   */
  public static ImmutableSet<Direction> policyTypes(Optional<List<Direction>> declared, int egressRuleCount) {
    if (declared.isPresent() && !declared.get().isEmpty()) {
      return ImmutableSet.copyOf(declared.get());
    }
    return egressRuleCount > 0 ? ImmutableSet.of(Direction.INGRESS, Direction.EGRESS)
        : ImmutableSet.of(Direction.INGRESS);
  }

  /**
   * NetworkPolicySpec.podSelector: "An empty podSelector matches all pods in this namespace." The field
   * is a struct, not a pointer, in the API types: absent or null decodes to the empty selector and the
   * API server admits it, so npv reads it as {@code {}} too.
   */
  public static LabelSelector podSelector(Optional<LabelSelector> declared) {
    return declared.orElse(LabelSelector.ALL);
  }

  /**
   * NetworkPolicyIngressRule.from / NetworkPolicyEgressRule.to: "If this field is empty or missing,
   * this rule matches all sources (traffic not restricted by source)". An empty peer list in the IR
   * means exactly that.
   */
  public static ImmutableList<Peer> peers(Optional<List<Peer>> declared) {
    return declared.map(ImmutableList::copyOf).orElse(ImmutableList.of());
  }

  /**
   * Rule ports: "If this field is empty or missing, this rule matches all ports (traffic not
   * restricted by port)". An empty port list in the IR means every protocol and port.
   */
  public static ImmutableList<PolicyPort> ports(Optional<List<PolicyPort>> declared) {
    return declared.map(ImmutableList::copyOf).orElse(ImmutableList.of());
  }

  /**
   * NetworkPolicyPort.protocol: "The protocol (TCP, UDP, or SCTP) which traffic must match. If not
   * specified, this field defaults to TCP." The same default holds for core/v1 ContainerPort.protocol.
   */
  public static Protocol protocol(Optional<Protocol> declared) {
    return declared.orElse(Protocol.TCP);
  }

  /**
   * NetworkPolicyPort.port: "If this field is not provided, this matches all port names and
   * numbers." endPort: "indicates that the range of ports from port to endPort if set, inclusive".
   * A named port is resolved per destination pod later, by the evaluators.
   */
  public static PortSpec portSpec(Optional<Integer> number, Optional<String> name, Optional<Integer> endPort) {
    if (name.isPresent()) {
      return new PortSpec.Named(name.get());
    }
    if (number.isEmpty()) {
      return new PortSpec.AnyPort();
    }
    return new PortSpec.Range(number.get(), endPort.orElse(number.get()));
  }

  /**
   * A namespaced object without metadata.namespace is created in the namespace of the client's
   * context; npv assumes {@code default}, as kubectl does without a context namespace.
   */
  public static String namespace(Optional<String> declared) {
    return declared.orElse(DEFAULT_NAMESPACE);
  }

  /**
   * Since Kubernetes 1.21 the control plane sets the immutable label
   * {@code kubernetes.io/metadata.name=<name>} on every namespace, overriding any value in the
   * manifest (NamespaceDefaultLabelName feature, GA in 1.22).
   */
  public static ImmutableSortedMap<String, String> namespaceLabels(String name, Map<String, String> declared) {
    TreeMap<String, String> labels = new TreeMap<>(declared);
    labels.put(Namespace.NAME_LABEL, name);
    return ImmutableSortedMap.copyOf(labels);
  }
}
