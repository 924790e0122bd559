package dev.npv.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes NetworkPolicy as Calico enforces it, the same IR for both evaluators (libcalico-go {@code lib/backend/k8s/conversion}):
 * a NetworkPolicy named {@code knp.default.<name>} in the default tier at order 1000, selecting the
 * pod selector's pods ({@code && projectcalico.org/orchestrator == 'k8s'}), with one Allow rule per
 * peer and port of each Kubernetes rule (ipBlock: {@code nets} and {@code notNets} for its excepts;
 * pod and namespace selectors: {@code selector} and {@code namespaceSelector}). A pod the policy selects
 * and no rule allows is then denied at the end of the default tier, as Kubernetes isolation says.
 */
public final class KubernetesAsCalico {
  public static final double ORDER = 1000;
  public static final String ORCHESTRATOR_LABEL = "projectcalico.org/orchestrator";
  private static final CalicoSelector K8S = new CalicoSelector.Equal(ORCHESTRATOR_LABEL, "k8s");

  private KubernetesAsCalico() {
  }

  public static CalicoPolicy convert(Policy p) {
    return new CalicoPolicy(Optional.of(p.namespace()), "knp.default." + p.id().name(), CalicoTier.DEFAULT,
        Optional.of(ORDER), CalicoSelector.and(List.of(selector(p.podSelector()), K8S)), Optional.empty(),
        Optional.empty(), p.types(), rules(p, Direction.INGRESS), rules(p, Direction.EGRESS), false, p.location());
  }

  /** The meta/v1 LabelSelector as a Calico selector of the same meaning (NotIn and DoesNotExist match absence). */
  public static CalicoSelector selector(LabelSelector s) {
    List<CalicoSelector> terms = new ArrayList<>();
    for (Map.Entry<String, String> e : s.matchLabels().entrySet()) {
      terms.add(new CalicoSelector.Equal(e.getKey(), e.getValue()));
    }
    for (SelectorRequirement r : s.matchExpressions()) {
      terms.add(switch (r.operator()) {
        case In -> new CalicoSelector.In(r.key(), r.values());
        case NotIn -> new CalicoSelector.NotIn(r.key(), r.values());
        case Exists -> new CalicoSelector.Has(r.key());
        case DoesNotExist -> new CalicoSelector.Not(new CalicoSelector.Has(r.key()));
      });
    }
    return terms.isEmpty() ? CalicoSelector.ALL : CalicoSelector.and(terms);
  }

  private static ImmutableList<CalicoRule> rules(Policy p, Direction d) {
    if (!p.isolates(d)) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<CalicoRule> out = ImmutableList.builder();
    int index = 0;
    for (Rule r : p.rules(d)) {
      List<CalicoEntityRule> peers = r.peers().isEmpty() ? List.of(CalicoEntityRule.ANY)
          : r.peers().stream().map(KubernetesAsCalico::peer).toList();
      List<Optional<PolicyPort>> ports = r.ports().isEmpty() ? List.of(Optional.empty())
          : r.ports().stream().map(Optional::of).toList();
      for (CalicoEntityRule peer : peers) {
        for (Optional<PolicyPort> port : ports) {
          Optional<CalicoProtocol> protocol = port.map(pp -> CalicoProtocol.named(pp.protocol().name()).orElseThrow());
          ImmutableList<CalicoPort> calicoPorts = port.map(pp -> ports(pp.spec())).orElse(ImmutableList.of());
          CalicoEntityRule local = withPorts(CalicoEntityRule.ANY, calicoPorts);
          CalicoEntityRule source = d == Direction.INGRESS ? peer : local;
          CalicoEntityRule destination = d == Direction.INGRESS ? local : peer;
          out.add(new CalicoRule(d, index++, CalicoAction.ALLOW, Optional.empty(), protocol, Optional.empty(),
              Optional.empty(), Optional.empty(), Optional.empty(), source, destination, r.location()));
        }
      }
    }
    return out.build();
  }

  private static ImmutableList<CalicoPort> ports(PortSpec spec) {
    if (spec instanceof PortSpec.Range range) {
      return ImmutableList.of(new CalicoPort.Range(range.first(), range.last()));
    }
    if (spec instanceof PortSpec.Named named) {
      return ImmutableList.of(new CalicoPort.Named(named.name()));
    }
    return ImmutableList.of(); // AnyPort: the protocol alone
  }

  private static CalicoEntityRule withPorts(CalicoEntityRule e, ImmutableList<CalicoPort> ports) {
    return new CalicoEntityRule(e.nets(), e.notNets(), e.selector(), e.notSelector(), e.namespaceSelector(),
        e.serviceAccountNames(), e.serviceAccountSelector(), e.service(), ports, e.notPorts());
  }

  private static CalicoEntityRule peer(Peer peer) {
    return peer.accept(new Peer.Visitor<CalicoEntityRule>() {
      @Override
      public CalicoEntityRule pods(Peer.Pods pods) {
        CalicoSelector podSel = CalicoSelector.and(List.of(
            pods.podSelector().map(KubernetesAsCalico::selector).orElse(CalicoSelector.ALL), K8S));
        return new CalicoEntityRule(ImmutableList.of(), ImmutableList.of(), Optional.of(podSel), Optional.empty(),
            pods.namespaceSelector().map(KubernetesAsCalico::selector), ImmutableSortedSet.of(), Optional.empty(),
            Optional.empty(), ImmutableList.of(), ImmutableList.of());
      }

      @Override
      public CalicoEntityRule addresses(Peer.Addresses a) {
        return new CalicoEntityRule(ImmutableList.of(a.block().cidr()), a.block().except(), Optional.empty(),
            Optional.empty(), Optional.empty(), ImmutableSortedSet.of(), Optional.empty(), Optional.empty(),
            ImmutableList.of(), ImmutableList.of());
      }

      @Override
      public CalicoEntityRule nodes(Peer.Nodes n) {
        throw new IllegalArgumentException("a NetworkPolicy has no nodes peer");
      }
    });
  }
}
