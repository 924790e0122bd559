package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.model.PolicyPort;
import dev.npv.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a networking.k8s.io/v1 NetworkPolicy strictly (every field checked) into a defaulted {@link Policy}. */
final class PolicyReader {
  static final ImmutableSet<String> OBJECT_FIELDS = ImmutableSet.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final ImmutableSet<String> SPEC_FIELDS = ImmutableSet.of("podSelector", "policyTypes", "ingress", "egress");
  private static final ImmutableMap<String, String> SPEC_HINTS = ImmutableMap.of(
      "from", "'from' belongs inside an 'ingress' rule",
      "to", "'to' belongs inside an 'egress' rule",
      "ports", "'ports' belongs inside an 'ingress' or 'egress' rule",
      "policyType", "did you mean 'policyTypes'?");
  private static final ImmutableSet<String> INGRESS_FIELDS = ImmutableSet.of("from", "ports");
  private static final ImmutableSet<String> EGRESS_FIELDS = ImmutableSet.of("to", "ports");

  private final Diagnostics diags;

  PolicyReader(Diagnostics diags) {
    this.diags = diags;
  }

  Optional<Policy> read(Manifest m, ObjectMeta meta) {
    Fields object = m.object().known(OBJECT_FIELDS);
    PolicyId id = new PolicyId(PolicyNormalizer.namespace(meta.namespace()), meta.name());
    Optional<Fields> spec = object.object("spec", "NetworkPolicySpec");
    if (spec.isEmpty()) {
      if (object.has("spec")) {
        return Optional.empty(); // not a mapping: reported
      }
      // The API server admits a NetworkPolicy without a spec: every field takes its default (podSelector
      // {} and policyTypes [Ingress]), so it isolates the ingress of every pod of its namespace.
      return Optional.of(new Policy(id, PolicyNormalizer.podSelector(Optional.empty()),
          PolicyNormalizer.policyTypes(Optional.empty(), 0), ImmutableList.of(), ImmutableList.of(), m.location()));
    }
    Fields s = spec.get().known(SPEC_FIELDS, SPEC_HINTS);
    int errorsBefore = diags.errorCount();
    Optional<LabelSelector> podSelector = s.node("podSelector").isEmpty()
        ? Optional.of(PolicyNormalizer.podSelector(Optional.empty()))
        : s.node("podSelector").flatMap(n -> SelectorReader.read(n, "spec.podSelector", diags));
    Optional<List<Direction>> types = s.list("policyTypes").map(this::policyTypes);
    ImmutableList<Rule> ingress = rules(s, "ingress", Direction.INGRESS);
    ImmutableList<Rule> egress = rules(s, "egress", Direction.EGRESS);
    ImmutableSet<Direction> effective = PolicyNormalizer.policyTypes(types, egress.size());
    warnIgnored(s, effective, Direction.INGRESS, ingress);
    warnIgnored(s, effective, Direction.EGRESS, egress);
    if (diags.errorCount() > errorsBefore || podSelector.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Policy(id, podSelector.get(), effective, ingress, egress, m.location()));
  }

  private List<Direction> policyTypes(List<YNode> items) {
    List<Direction> out = new ArrayList<>();
    for (YNode item : items) {
      Fields.asString(item, "an entry of policyTypes", diags).ifPresent(t -> {
        Optional<Direction> d = t.equals("Ingress") ? Optional.of(Direction.INGRESS)
            : t.equals("Egress") ? Optional.of(Direction.EGRESS) : Optional.empty();
        if (d.isEmpty()) {
          diags.error(Codes.POLICY_TYPE, item.location(), "invalid policy type '" + t
              + "' (valid: Ingress, Egress; case-sensitive)");
        } else {
          out.add(d.get());
        }
      });
    }
    return out;
  }

  private ImmutableList<Rule> rules(Fields spec, String key, Direction direction) {
    ImmutableList<YNode> items = spec.list(key).orElse(ImmutableList.of());
    ImmutableList.Builder<Rule> out = ImmutableList.builder();
    for (int i = 0; i < items.size(); i++) {
      rule(items.get(i), direction, i).ifPresent(out::add);
    }
    return out.build();
  }

  private Optional<Rule> rule(YNode node, Direction direction, int index) {
    boolean in = direction == Direction.INGRESS;
    Optional<Fields> f = Fields.of(node, in ? "NetworkPolicyIngressRule" : "NetworkPolicyEgressRule", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(in ? INGRESS_FIELDS : EGRESS_FIELDS, in
        ? ImmutableMap.of("to", "ingress rules use 'from'; 'to' is for egress rules")
        : ImmutableMap.of("from", "egress rules use 'to'; 'from' is for ingress rules"));
    String peersKey = in ? "from" : "to";
    Optional<List<Peer>> peers = r.list(peersKey).map(items -> {
      List<Peer> out = new ArrayList<>();
      items.forEach(item -> PeerReader.read(item, diags).ifPresent(out::add));
      return out;
    });
    Optional<List<PolicyPort>> ports = r.list("ports").map(items -> {
      List<PolicyPort> out = new ArrayList<>();
      items.forEach(item -> PortReader.read(item, diags).ifPresent(out::add));
      return out;
    });
    return Optional.of(new Rule(direction, index, PolicyNormalizer.peers(peers), PolicyNormalizer.ports(ports),
        node.location()));
  }

  /** Rules of a direction the policy does not isolate are legal but have no effect: say so. */
  private void warnIgnored(Fields spec, ImmutableSet<Direction> types, Direction d, List<Rule> rules) {
    if (!rules.isEmpty() && !types.contains(d)) {
      diags.warning(Codes.IGNORED_RULES, spec.keyLocation(d.lower()), "the " + d.lower()
          + " rules have no effect: policyTypes does not include " + d.apiName());
    }
  }
}
