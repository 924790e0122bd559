package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.model.CalicoAction;
import dev.npv.model.CalicoNetworkSet;
import dev.npv.model.CalicoPolicy;
import dev.npv.model.CalicoRule;
import dev.npv.model.CalicoSelector;
import dev.npv.model.CalicoTier;
import dev.npv.model.Cidr;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the Calico kinds ({@link CalicoKinds}) strictly into model records: NetworkPolicy and
 * GlobalNetworkPolicy (projectcalico/api networkpolicy.go, globalnetworkpolicy.go), Tier (tier.go) and
 * NetworkSet / GlobalNetworkSet (networkset.go, globalnetworkset.go). Defaulting happens here, once:
 * tier "default", and {@code types} from the rules present.
 */
final class CalicoReader {
  private static final ImmutableSet<String> OBJECT_FIELDS = PolicyReader.OBJECT_FIELDS;
  private static final ImmutableSet<String> POLICY_FIELDS = ImmutableSet.of("tier", "order", "selector", "types",
      "ingress", "egress", "serviceAccountSelector", "performanceHints");
  private static final ImmutableSet<String> GLOBAL_POLICY_FIELDS = ImmutableSet.<String>builder()
      .addAll(POLICY_FIELDS).add("namespaceSelector", "doNotTrack", "preDNAT", "applyOnForward").build();
  private static final ImmutableMap<String, String> POLICY_HINTS = ImmutableMap.of(
      "podSelector", "Calico policies select with 'selector' (a selector expression such as app == 'web')",
      "policyTypes", "Calico calls it 'types'",
      "namespaceSelector", "only GlobalNetworkPolicy has a namespaceSelector; a NetworkPolicy applies in its"
          + " own namespace",
      "action", "'action' belongs inside an ingress or egress rule");
  private static final ImmutableSet<String> TIER_FIELDS = ImmutableSet.of("order", "defaultAction");
  private static final ImmutableSet<String> SET_FIELDS = ImmutableSet.of("nets");
  private static final String NAMESPACE_LABEL = "projectcalico.org/namespace";

  private final Diagnostics diags;
  private final SourceLines sources;
  private final CalicoSelectorReader selectors;

  CalicoReader(Diagnostics diags, SourceLines sources) {
    this.diags = diags;
    this.sources = sources;
    this.selectors = new CalicoSelectorReader(diags, sources);
  }

  /** A policy, with the location of its {@code tier} value for the assembler's "tier exists" check. */
  record ReadPolicy(CalicoPolicy policy, SourceLocation tierLocation) {
  }

  Optional<ReadPolicy> policy(Manifest m, ObjectMeta meta) {
    boolean global = m.kind().equals(CalicoKinds.GLOBAL_NETWORK_POLICY);
    Fields object = m.object().known(OBJECT_FIELDS);
    String specType = global ? "GlobalNetworkPolicySpec" : "NetworkPolicySpec (projectcalico.org)";
    Optional<Fields> spec = object.node("spec").isPresent() ? object.object("spec", specType)
        : Optional.of(emptySpec(object, specType));
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    Fields s = spec.get().known(global ? GLOBAL_POLICY_FIELDS : POLICY_FIELDS, POLICY_HINTS);
    int errorsBefore = diags.errorCount();
    String tier = s.string("tier").orElse(CalicoTier.DEFAULT);
    if (tier.isEmpty()) {
      tier = CalicoTier.DEFAULT;
    }
    Optional<Double> order = order(s);
    for (String key : global ? List.of("selector", "serviceAccountSelector", "namespaceSelector")
        : List.of("selector", "serviceAccountSelector")) {
      if (CalicoSelectorReader.mentionsGlobal(s, key)) {
        diags.error(Codes.CALICO_GLOBAL_SELECTOR, s.valueLocation(key), "global() can only be used in an"
            + " EntityRule namespaceSelector, not in the policy's '" + key + "'");
      }
    }
    CalicoSelector selector = selectors.read(s, "selector").orElse(CalicoSelector.ALL);
    Optional<CalicoSelector> namespaceSelector = global ? selectors.read(s, "namespaceSelector") : Optional.empty();
    Optional<CalicoSelector> saSelector = selectors.read(s, "serviceAccountSelector");
    Optional<Set<Direction>> types = s.list("types").map(items -> types(s, items));
    s.list("performanceHints").ifPresent(items -> items.forEach(i -> Fields.asString(i, "a performance hint",
        diags).filter(h -> !h.equals("AssumeNeededOnEveryNode")).ifPresent(h -> diags.error(Codes.TYPE,
            i.location(), "invalid performance hint '" + h + "' (valid: AssumeNeededOnEveryNode)"))));
    boolean hostOptions = false;
    if (global) {
      boolean doNotTrack = s.bool("doNotTrack").orElse(false);
      boolean preDnat = s.bool("preDNAT").orElse(false);
      boolean applyOnForward = s.bool("applyOnForward").orElse(false);
      globalChecks(s, doNotTrack, preDnat, applyOnForward);
      hostOptions = doNotTrack || preDnat || applyOnForward;
      if (hostOptions) {
        diags.warning(Codes.CALICO_HOST_ENDPOINT, s.location(), m.kind() + " " + meta.name() + " sets "
            + "doNotTrack, preDNAT or applyOnForward, which concern host endpoints: npv models workload (pod)"
            + " traffic only and does not model host endpoints");
      }
    }
    CalicoRuleReader rules = new CalicoRuleReader(diags, sources);
    ImmutableList<CalicoRule> ingress = rules.rules(s, "ingress", Direction.INGRESS);
    ImmutableList<CalicoRule> egress = rules.rules(s, "egress", Direction.EGRESS);
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    Set<Direction> effective = types.orElseGet(() -> defaultTypes(s));
    Optional<String> namespace = global ? Optional.empty()
        : Optional.of(PolicyNormalizer.namespace(meta.namespace()));
    CalicoPolicy p = new CalicoPolicy(namespace, meta.name(), tier, order, selector, namespaceSelector, saSelector,
        ImmutableSet.copyOf(effective), ingress, egress, hostOptions, m.location());
    return Optional.of(new ReadPolicy(p, s.has("tier") ? s.valueLocation("tier") : m.location()));
  }

  private Fields emptySpec(Fields object, String type) {
    return Fields.of(new YNode.YMap(ImmutableList.of(), object.location()), type, diags).orElseThrow();
  }

  /**
   * Calico's defaulting of {@code types} (NetworkPolicySpec.Types): [Ingress] if there are no egress
   * rules, [Egress] if there are egress rules but no ingress rules, [Ingress, Egress] if both. Unlike
   * Kubernetes, egress rules alone do not make a policy ingress-isolating.
   */
  private static Set<Direction> defaultTypes(Fields spec) {
    boolean ingress = spec.list("ingress").map(l -> !l.isEmpty()).orElse(false);
    boolean egress = spec.list("egress").map(l -> !l.isEmpty()).orElse(false);
    if (egress && !ingress) {
      return EnumSet.of(Direction.EGRESS);
    }
    return egress ? EnumSet.of(Direction.INGRESS, Direction.EGRESS) : EnumSet.of(Direction.INGRESS);
  }

  private Set<Direction> types(Fields spec, ImmutableList<YNode> items) {
    Set<Direction> out = EnumSet.noneOf(Direction.class);
    if (items.isEmpty() || items.size() > 2) {
      diags.error(Codes.CALICO_TYPES, spec.valueLocation("types"), "'types' has 1 or 2 entries (Ingress,"
          + " Egress), got " + items.size() + (items.isEmpty() ? " (omit it to default from the rules)" : ""));
    }
    for (YNode item : items) {
      Fields.asString(item, "an entry of types", diags).ifPresent(t -> {
        Optional<Direction> d = t.equals("Ingress") ? Optional.of(Direction.INGRESS)
            : t.equals("Egress") ? Optional.of(Direction.EGRESS) : Optional.empty();
        if (d.isEmpty()) {
          diags.error(Codes.CALICO_TYPES, item.location(), "invalid policy type '" + t
              + "' (valid: Ingress, Egress; case-sensitive)");
        } else if (!out.add(d.get())) {
          diags.error(Codes.CALICO_TYPES, item.location(), "duplicate policy type '" + t + "' in types");
        }
      });
    }
    return out;
  }

  /** {@code order} is a float64; any JSON number (integer or decimal) is accepted. */
  private Optional<Double> order(Fields f) {
    Optional<YNode> n = f.node("order");
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof YNode.YScalar s && (s.type() == YNode.ScalarType.INT || s.type() == YNode.ScalarType.FLOAT)
        && s.text().matches("[-+]?([0-9][0-9_]*)?(\\.[0-9_]*)?([eE][-+]?[0-9]+)?")) {
      try {
        double v = Double.parseDouble(s.text().replace("_", ""));
        if (Double.isFinite(v)) {
          return Optional.of(v);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    diags.error(Codes.CALICO_ORDER, n.get().location(), "invalid order " + describe(n.get()) + " (expected a"
        + " number such as 100 or 100.5; omit it to apply the policy last in its tier)");
    return Optional.empty();
  }

  private static String describe(YNode n) {
    return n instanceof YNode.YScalar s ? "'" + s.text() + "'" : n.typeName();
  }

  /** The GlobalNetworkPolicySpec CEL rules of projectcalico/api globalnetworkpolicy.go. */
  private void globalChecks(Fields s, boolean doNotTrack, boolean preDnat, boolean applyOnForward) {
    if (doNotTrack && preDnat) {
      diags.error(Codes.CALICO_HOST_OPTIONS, s.keyLocation("preDNAT"), "preDNAT and doNotTrack cannot both be"
          + " true");
    }
    if (preDnat && s.list("egress").map(l -> !l.isEmpty()).orElse(false)) {
      diags.error(Codes.CALICO_HOST_OPTIONS, s.keyLocation("egress"), "a preDNAT policy cannot have egress rules");
    }
    if (preDnat && s.list("types").map(l -> l.stream().anyMatch(i -> i instanceof YNode.YScalar y
        && y.text().equals("Egress"))).orElse(false)) {
      diags.error(Codes.CALICO_HOST_OPTIONS, s.valueLocation("types"), "a preDNAT policy cannot have type"
          + " Egress");
    }
    if ((doNotTrack || preDnat) && !applyOnForward) {
      diags.error(Codes.CALICO_HOST_OPTIONS, s.location(), "applyOnForward must be true if either preDNAT or"
          + " doNotTrack is true");
    }
  }

  Optional<CalicoTier> tier(Manifest m, ObjectMeta meta) {
    Fields object = m.object().known(OBJECT_FIELDS);
    int errorsBefore = diags.errorCount();
    // Tier names are simple (no dot) DNS labels: they prefix policy names (libcalico-go validateTier).
    K8sNames.dnsLabelProblem(meta.name()).ifPresent(p -> diags.error(Codes.CALICO_TIER, meta.nameLocation(),
        "invalid Tier name '" + meta.name() + "': " + p + " (tier names have no dots)"));
    Optional<Fields> spec = object.node("spec").isPresent() ? object.object("spec", "TierSpec")
        : Optional.of(emptySpec(object, "TierSpec"));
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    Fields s = spec.get().known(TIER_FIELDS);
    Optional<Double> order = order(s);
    CalicoAction defaultAction = s.string("defaultAction").map(a -> {
      if (a.equals("Deny") || a.equals("Pass")) {
        return CalicoAction.parse(a).orElseThrow();
      }
      diags.error(Codes.CALICO_TIER, s.valueLocation("defaultAction"), "invalid defaultAction '" + a
          + "' (valid: Deny, Pass)");
      return CalicoAction.DENY;
    }).orElse(CalicoAction.DENY);
    if (meta.name().equals(CalicoTier.DEFAULT) && order.isPresent() && order.get() != CalicoTier.DEFAULT_ORDER) {
      diags.error(Codes.CALICO_TIER, s.valueLocation("order"), "the default tier's order is fixed at 1000000");
    }
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    Optional<Double> effective = meta.name().equals(CalicoTier.DEFAULT)
        ? Optional.of(CalicoTier.DEFAULT_ORDER) : order;
    return Optional.of(new CalicoTier(meta.name(), effective, defaultAction, true, m.location()));
  }

  Optional<CalicoNetworkSet> networkSet(Manifest m, ObjectMeta meta) {
    boolean global = m.kind().equals(CalicoKinds.GLOBAL_NETWORK_SET);
    Fields object = m.object().known(OBJECT_FIELDS);
    int errorsBefore = diags.errorCount();
    if (meta.labels().containsKey(NAMESPACE_LABEL)) {
      diags.error(Codes.CALICO_LABEL, meta.nameLocation(), NAMESPACE_LABEL + " is not a valid label name on a "
          + m.kind() + " (Calico sets it itself)");
    }
    Optional<Fields> spec = object.node("spec").isPresent()
        ? object.object("spec", global ? "GlobalNetworkSetSpec" : "NetworkSetSpec")
        : Optional.of(emptySpec(object, "NetworkSetSpec"));
    ImmutableList.Builder<Cidr> nets = ImmutableList.builder();
    spec.ifPresent(s -> {
      s.known(SET_FIELDS);
      for (YNode item : s.list("nets").orElse(ImmutableList.of())) {
        Fields.asString(item, "an entry of nets", diags).ifPresent(t -> {
          Optional<Cidr> c = t.contains("/") ? Cidr.parse(t)
              : IpAddress.parse(t).map(ip -> Cidr.of(ip + (ip.v6() ? "/128" : "/32")));
          if (c.isEmpty()) {
            diags.error(Codes.CALICO_NETS, item.location(), "invalid CIDR '" + t + "' in nets (expected e.g."
                + " 10.0.0.0/8, fd00::/8 or a single address)");
          } else {
            nets.add(c.get());
          }
        });
      }
    });
    if (spec.isEmpty() || diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    Optional<String> namespace = global ? Optional.empty() : Optional.of(PolicyNormalizer.namespace(meta.namespace()));
    return Optional.of(new CalicoNetworkSet(namespace, meta.name(), meta.labels(), nets.build(), m.location()));
  }
}
