package dev.npv.lint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.model.ContainerPort;
import dev.npv.model.Direction;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pods isolated for egress with no rule admitting DNS (UDP 53) to any kube-system pod: before the
 * isolation they could resolve names. The candidates are the kube-system workloads of the manifests
 * and, since manifests rarely include them, a stand-in CoreDNS pod (k8s-app=kube-dns).
 */
final class DnsCheck {
  static final String DNS_NAMESPACE = "kube-system";

  private DnsCheck() {
  }

  static void run(LintContext c, List<LintFinding> out) {
    List<Endpoint> servers = servers(c);
    for (LintContext.Pod pod : c.pods()) {
      List<Policy> isolating = c.evaluator().isolatingPolicies(pod.endpoint(), Direction.EGRESS);
      if (isolating.isEmpty()) {
        continue;
      }
      boolean dns = servers.stream().anyMatch(s -> s != pod.endpoint()
          && c.evaluator().decide(new Connection(pod.endpoint(), s, Protocol.UDP, 53)).egress().allowed());
      if (!dns) {
        out.add(LintFinding.of(LintCode.EGRESS_BLOCKS_DNS, isolating.get(0).location(),
            "egress of " + pod.workload().id() + " is isolated by " + String.join(", ",
                isolating.stream().map(p -> p.id().toString()).toList())
                + " and no rule admits DNS (UDP 53) to a kube-system pod",
            isolating.stream().skip(1).map(p -> new LintFinding.Related(p.location(), "also isolates "
                + pod.workload().id() + " for egress")).toList()));
      }
    }
  }

  private static List<Endpoint> servers(LintContext c) {
    List<Endpoint> out = new ArrayList<>();
    c.pods().stream().filter(p -> p.workload().namespace().equals(DNS_NAMESPACE)).forEach(p -> out.add(p.endpoint()));
    ImmutableSortedMap<String, String> nsLabels = c.cluster().namespace(DNS_NAMESPACE).map(Namespace::labels)
        .orElse(ImmutableSortedMap.of(Namespace.NAME_LABEL, DNS_NAMESPACE));
    out.add(new PodEndpoint(DNS_NAMESPACE, nsLabels, ImmutableSortedMap.of("k8s-app", "kube-dns"),
        ImmutableList.of(new ContainerPort(Optional.of("dns"), 53, Protocol.UDP),
            new ContainerPort(Optional.of("dns-tcp"), 53, Protocol.TCP)),
        Optional.empty(), false, "kube-system/coredns"));
    return out;
  }
}
