package dev.npv.spec;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.load.Codes;
import dev.npv.load.Fields;
import dev.npv.load.IpBlockReader;
import dev.npv.load.K8sNames;
import dev.npv.load.SelectorReader;
import dev.npv.load.YNode;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import java.util.Optional;

/** Reads one endpoint selector: pods by namespace/labels/workload, or addresses by ipBlock and/or nodeSelector. */
final class EndpointReader {
  private static final ImmutableSet<String> ENDPOINT_FIELDS =
      ImmutableSet.of("podSelector", "namespaceSelector", "namespace", "workload", "ipBlock", "nodeSelector");
  private static final ImmutableMap<String, String> ENDPOINT_HINTS = ImmutableMap.of(
      "ports", "'ports' belongs to the invariant, next to 'from' and 'to'",
      "cidr", "did you mean 'ipBlock: {cidr: ...}'?",
      "matchLabels", "did you mean 'podSelector: {matchLabels: ...}'?");
  private EndpointReader() {
  }

  static Optional<EndpointSelector> read(YNode node, String key, Diagnostics diags) {
    Optional<Fields> of = Fields.of(node, "EndpointSelector ('" + key + "')", diags);
    if (of.isEmpty()) {
      return Optional.empty();
    }
    Fields f = of.get().known(ENDPOINT_FIELDS, ENDPOINT_HINTS);
    int errorsBefore = diags.errorCount();
    Optional<String> namespace = f.string("namespace");
    namespace.ifPresent(ns -> K8sNames.dnsLabelProblem(ns).ifPresent(p -> diags.error(Codes.NAME,
        f.valueLocation("namespace"), "invalid namespace '" + ns + "': " + p)));
    Optional<LabelSelector> namespaceSelector = f.node("namespaceSelector")
        .flatMap(n -> SelectorReader.read(n, "namespaceSelector of '" + key + "'", diags));
    Optional<LabelSelector> podSelector = f.node("podSelector")
        .flatMap(n -> SelectorReader.read(n, "podSelector of '" + key + "'", diags));
    Optional<EndpointSelector.WorkloadRef> workload = f.string("workload")
        .flatMap(w -> workloadRef(w, f.valueLocation("workload"), diags));
    Optional<IpBlock> ipBlock = f.node("ipBlock").flatMap(n -> IpBlockReader.read(n, diags));
    Optional<LabelSelector> nodeSelector = f.node("nodeSelector")
        .flatMap(n -> SelectorReader.read(n, "nodeSelector of '" + key + "'", diags));
    boolean podFields = f.has("namespace") || f.has("namespaceSelector") || f.has("podSelector") || f.has("workload");
    for (String address : new String[] {"ipBlock", "nodeSelector"}) {
      if (f.has(address) && podFields) {
        diags.error(Codes.SPEC_ENDPOINT_MIXED, f.keyLocation(address), "'" + address + "' selects addresses"
            + " outside the pod network and cannot be combined with pod fields; use separate list entries");
      }
    }
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new EndpointSelector(namespace, namespaceSelector, podSelector, workload, ipBlock,
        nodeSelector, node.location()));
  }

  private static Optional<EndpointSelector.WorkloadRef> workloadRef(String text, SourceLocation at,
                                                                    Diagnostics diags) {
    String[] parts = text.split("/", -1);
    if (parts.length != 2 || K8sNames.dnsLabelProblem(parts[0]).isPresent()
        || K8sNames.subdomainProblem(parts[1]).isPresent()) {
      diags.error(Codes.SPEC_WORKLOAD_REF, at, "invalid workload reference '" + text
          + "' (expected <namespace>/<name>, e.g. myapp/backend)");
      return Optional.empty();
    }
    return Optional.of(new EndpointSelector.WorkloadRef(parts[0], parts[1]));
  }
}
