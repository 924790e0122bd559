package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.model.CiliumIcmp;
import dev.npv.model.CiliumKind;
import dev.npv.model.CiliumPeer;
import dev.npv.model.CiliumPeerRule;
import dev.npv.model.CiliumPolicy;
import dev.npv.model.CiliumPortRule;
import dev.npv.model.CiliumRule;
import dev.npv.model.CiliumSubject;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.PolicyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a cilium.io/v2 CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy strictly, following the
 * CRD schema (pkg/k8s/apis/cilium.io/client/crds/v2) and the Go types of pkg/policy/api (rule.go,
 * ingress.go, egress.go, l4.go, entity.go, cidr.go): every field checked, unknown fields refused, the
 * namespace scoping of selectors and the default-deny defaulting applied once, here.
 *
 * <p>Per construct: {@code fromRequires}/{@code toRequires} (deprecated; the current CRD admits only
 * an empty list) are refused when not empty; {@code toServices}, {@code toFQDNs}, {@code toGroups},
 * {@code fromGroups} and CIDR groups become {@link CiliumPeer.Dynamic} peers (members not fixed by
 * the manifests) with a warning; L7 parts, server names, listeners, TLS interception and required
 * authentication are kept as a restriction of the rule ("allowed for some requests only"); ICMP and
 * the port-less protocols VRRP and IGMP are read and kept, and warned about as not checked; a
 * {@code nodeSelector} (host policy) is kept as a {@link CiliumSubject.Nodes} subject with a warning.
 */
final class CiliumPolicyReader {
  static final String API_VERSION = "cilium.io/v2";
  private static final ImmutableSet<String> OBJECT_FIELDS =
      ImmutableSet.of("apiVersion", "kind", "metadata", "spec", "specs", "status", "description");
  private static final ImmutableSet<String> RULE_FIELDS = ImmutableSet.of("endpointSelector", "nodeSelector",
      "ingress", "ingressDeny", "egress", "egressDeny", "labels", "enableDefaultDeny", "description", "log");
  private static final ImmutableMap<String, String> RULE_HINTS = ImmutableMap.of(
      "podSelector", "Cilium rules select with 'endpointSelector'",
      "fromEndpoints", "'fromEndpoints' belongs inside an 'ingress' or 'ingressDeny' entry",
      "toEndpoints", "'toEndpoints' belongs inside an 'egress' or 'egressDeny' entry",
      "toPorts", "'toPorts' belongs inside an ingress or egress entry",
      "policyTypes", "Cilium has no policyTypes: a direction applies when it has entries (see enableDefaultDeny)");
  private static final ImmutableSet<String> INGRESS_L3 = ImmutableSet.of("fromEndpoints", "fromRequires",
      "fromCIDR", "fromCIDRSet", "fromEntities", "fromGroups", "fromNodes");
  private static final ImmutableSet<String> EGRESS_L3 = ImmutableSet.of("toEndpoints", "toRequires", "toCIDR",
      "toCIDRSet", "toEntities", "toServices", "toFQDNs", "toGroups", "toNodes");
  private static final ImmutableSet<String> L4 = ImmutableSet.of("toPorts", "icmps");
  private static final ImmutableSet<String> DEFAULT_DENY_FIELDS = ImmutableSet.of("ingress", "egress");
  private static final ImmutableSet<String> AUTH_MODES = ImmutableSet.of("disabled", "required", "test-always-fail");

  private final Diagnostics diags;
  private final CiliumSelectorReader selectors;
  /** Set when the API server admits the object but Cilium's agent refuses the whole policy. */
  private boolean agentRefused;

  CiliumPolicyReader(Diagnostics diags) {
    this.diags = diags;
    this.selectors = new CiliumSelectorReader(diags);
  }

  Optional<CiliumPolicy> read(Manifest m, ObjectMeta meta, CiliumKind kind) {
    Fields object = m.object().known(OBJECT_FIELDS, ImmutableMap.of("ingress", "'ingress' belongs inside 'spec'",
        "egress", "'egress' belongs inside 'spec'", "endpointSelector", "'endpointSelector' belongs inside 'spec'"));
    if (object.has("description")) {
      // Cilium's own examples (e.g. examples/minikube/sw_l3_l4_policy.yaml) put it here, outside the schema.
      diags.warning(Codes.CILIUM_PRUNED_FIELD, object.keyLocation("description"), "'description' is not a field of "
          + kind.apiName() + " (the API server drops it, or refuses it under strict field validation); move it"
          + " into the spec");
    }
    Optional<String> namespace = kind == CiliumKind.NAMESPACED
        ? Optional.of(PolicyNormalizer.namespace(meta.namespace())) : Optional.empty();
    int errorsBefore = diags.errorCount();
    List<CiliumRule> rules = new ArrayList<>();
    object.node("spec").ifPresent(n -> rule(n, "spec", kind, namespace).ifPresent(rules::add));
    List<YNode> specs = object.list("specs").orElse(ImmutableList.of());
    for (int i = 0; i < specs.size(); i++) {
      rule(specs.get(i), "specs[" + i + "]", kind, namespace).ifPresent(rules::add);
    }
    if (!object.has("spec") && specs.isEmpty() && diags.errorCount() == errorsBefore) {
      agentRefuses(object.keyLocation(object.has("specs") ? "specs" : "kind"), kind.apiName() + " " + meta.name()
          + " has no rule (neither 'spec' nor a non-empty 'specs')");
    }
    if (diags.errorCount() > errorsBefore || agentRefused || rules.isEmpty()) {
      return Optional.empty();
    }
    PolicyId id = new PolicyId(namespace.orElse(""), meta.name());
    return Optional.of(new CiliumPolicy(kind, id, ImmutableList.copyOf(rules), m.location()));
  }

  private Optional<CiliumRule> rule(YNode node, String where, CiliumKind kind, Optional<String> namespace) {
    Optional<Fields> f = Fields.of(node, "Cilium Rule (" + where + ")", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(RULE_FIELDS, RULE_HINTS);
    int errorsBefore = diags.errorCount();
    Optional<CiliumSubject> subject = subject(r, where, kind, namespace);
    ImmutableList<CiliumPeerRule> ingress = entries(r, where, "ingress", Direction.INGRESS, false, namespace);
    ImmutableList<CiliumPeerRule> ingressDeny = entries(r, where, "ingressDeny", Direction.INGRESS, true, namespace);
    ImmutableList<CiliumPeerRule> egress = entries(r, where, "egress", Direction.EGRESS, false, namespace);
    ImmutableList<CiliumPeerRule> egressDeny = entries(r, where, "egressDeny", Direction.EGRESS, true, namespace);
    if (!r.has("ingress") && !r.has("ingressDeny") && !r.has("egress") && !r.has("egressDeny")) {
      // The current CRD requires one of them; older ones did not, and such a rule has no effect.
      diags.warning(Codes.CILIUM_NO_SECTIONS, r.location(), where + " has none of ingress, ingressDeny, egress,"
          + " egressDeny: it allows and denies nothing (recent Cilium CRDs refuse it)");
    }
    Optional<Fields> dd = r.object("enableDefaultDeny", "DefaultDenyConfig").map(d -> d.known(DEFAULT_DENY_FIELDS));
    Optional<Boolean> ddIngress = dd.flatMap(d -> d.bool("ingress"));
    Optional<Boolean> ddEgress = dd.flatMap(d -> d.bool("egress"));
    metadataFields(r);
    if (diags.errorCount() > errorsBefore || subject.isEmpty()) {
      return Optional.empty();
    }
    // rule.go EnableDefaultDeny: "If not specified, the default is true for each traffic direction that
    // has rules, and false otherwise."
    boolean defaultIngress = ddIngress.orElse(!ingress.isEmpty() || !ingressDeny.isEmpty());
    boolean defaultEgress = ddEgress.orElse(!egress.isEmpty() || !egressDeny.isEmpty());
    return Optional.of(new CiliumRule(where, subject.get(), ingress, ingressDeny, egress, egressDeny,
        defaultIngress, defaultEgress, node.location()));
  }

  /**
   * The API server admits what Cilium's agent refuses: the policy is stored but never enforced, so it
   * allows and denies nothing. Said, and the policy is left out.
   */
  private void agentRefuses(SourceLocation at, String what) {
    agentRefused = true;
    diags.warning(Codes.CILIUM_AGENT_REFUSES, at, what + ": the API server stores it, but Cilium's agent refuses"
        + " the whole policy, so it allows and denies nothing");
  }

  /** {@code labels}, {@code description} and {@code log} identify the rule; checked, not used. */
  private void metadataFields(Fields r) {
    r.string("description");
    r.object("log", "LogConfig").ifPresent(l -> l.known(ImmutableSet.of("value")).string("value"));
    for (YNode item : r.list("labels").orElse(ImmutableList.of())) {
      Fields.of(item, "Label", diags).ifPresent(l -> {
        l.known(ImmutableSet.of("key", "value", "source"));
        l.requireString("key");
        l.string("value");
        l.string("source");
      });
    }
  }

  private Optional<CiliumSubject> subject(Fields r, String where, CiliumKind kind, Optional<String> namespace) {
    boolean endpoints = r.has("endpointSelector");
    boolean nodes = r.has("nodeSelector");
    if (endpoints == nodes) {
      diags.error(Codes.CILIUM_SUBJECT, endpoints ? r.keyLocation("nodeSelector") : r.location(), where
          + (endpoints ? " has both endpointSelector and nodeSelector" : " has neither endpointSelector nor"
          + " nodeSelector") + ": a Cilium rule needs exactly one (write endpointSelector: {} to select every pod"
          + (kind == CiliumKind.NAMESPACED ? " of the namespace" : "") + ")");
      return Optional.empty();
    }
    if (endpoints) {
      return selectors.subject(r.node("endpointSelector").orElseThrow(), where + ".endpointSelector", namespace)
          .map(CiliumSubject.Endpoints::new);
    }
    if (kind == CiliumKind.NAMESPACED) {
      agentRefuses(r.keyLocation("nodeSelector"), where + " has a nodeSelector, which only a"
          + " CiliumClusterwideNetworkPolicy may have (move this host policy into one, or select pods with"
          + " endpointSelector)");
      return Optional.empty();
    }
    Optional<LabelSelector> sel = SelectorReader.read(r.node("nodeSelector").orElseThrow(), where + ".nodeSelector",
        diags);
    sel.ifPresent(s -> diags.warning(Codes.CILIUM_HOST_POLICY, r.keyLocation("nodeSelector"), where + " is a host"
        + " policy (nodeSelector " + s + "): it filters the nodes' own traffic, which npv does not model; every"
        + " verdict about traffic to or from a node it selects is unknown to npv"));
    return sel.map(CiliumSubject.Nodes::new);
  }

  private ImmutableList<CiliumPeerRule> entries(Fields rule, String where, String key, Direction d, boolean deny,
                                                Optional<String> namespace) {
    ImmutableList<YNode> items = rule.list(key).orElse(ImmutableList.of());
    ImmutableList.Builder<CiliumPeerRule> out = ImmutableList.builder();
    for (int i = 0; i < items.size(); i++) {
      entry(items.get(i), where + "." + key, d, deny, i, namespace).ifPresent(out::add);
    }
    return out.build();
  }

  private Optional<CiliumPeerRule> entry(YNode node, String section, Direction d, boolean deny, int index,
                                         Optional<String> namespace) {
    boolean in = d == Direction.INGRESS;
    String type = (in ? "Ingress" : "Egress") + (deny ? "Deny" : "") + "Rule";
    Optional<Fields> f = Fields.of(node, type, diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    ImmutableSet.Builder<String> known = ImmutableSet.<String>builder().addAll(in ? INGRESS_L3 : EGRESS_L3).addAll(L4);
    if (!deny) {
      known.add("authentication");
    }
    ImmutableSet<String> fields = known.build();
    if (deny && !in) {
      fields = fields.stream().filter(k -> !k.equals("toFQDNs")).collect(ImmutableSet.toImmutableSet());
    }
    ImmutableMap.Builder<String, String> hints = ImmutableMap.builder();
    (in ? EGRESS_L3 : INGRESS_L3).forEach(k -> hints.put(k, in ? "ingress entries use from* peers; '" + k
        + "' is for egress" : "egress entries use to* peers; '" + k + "' is for ingress"));
    if (deny) {
      hints.put("authentication", "deny entries take no authentication");
      if (!in) {
        hints.put("toFQDNs", "Cilium does not support toFQDNs in egressDeny");
      }
    }
    hints.put("ports", "'ports' belongs inside a 'toPorts' entry");
    Fields e = f.get().known(fields, hints.buildKeepingLast());
    String what = section + "[" + index + "]";
    int errorsBefore = diags.errorCount();
    CiliumPeerReader peers = new CiliumPeerReader(diags, selectors, namespace, what);
    List<CiliumPeer> out = new ArrayList<>();
    boolean anyL3 = false;
    for (String k : in ? INGRESS_L3 : EGRESS_L3) {
      if (e.has(k) && fields.contains(k)) {
        anyL3 |= CiliumPeerReader.isPeerField(k);
        out.addAll(peers.read(e, k));
      }
    }
    ImmutableList<CiliumPortRule> toPorts = new CiliumPortReader(diags, what, deny).portRules(e);
    ImmutableList<CiliumIcmp> icmps = CiliumPortReader.icmps(e, what, diags);
    if (!anyL3 && (!toPorts.isEmpty() || !icmps.isEmpty())) {
      out.add(new CiliumPeer.Wildcard());
    }
    Optional<String> auth = Optional.empty();
    if (!deny) {
      auth = e.object("authentication", "Authentication").flatMap(a -> {
        a.known(ImmutableSet.of("mode"));
        Optional<String> mode = a.requireString("mode");
        if (mode.isPresent() && !AUTH_MODES.contains(mode.get())) {
          diags.error(Codes.CILIUM_VALUE, a.valueLocation("mode"), "unknown authentication mode '" + mode.get()
              + "' (valid: disabled, required, test-always-fail)");
          return Optional.empty();
        }
        return mode.filter(x -> !x.equals("disabled"));
      });
    }
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    CiliumPeerRule rule = new CiliumPeerRule(d, deny, index, ImmutableList.copyOf(out), toPorts, icmps, auth,
        node.location());
    rule.restriction().ifPresent(r -> diags.warning(Codes.CILIUM_L7, node.location(), what + " restricts the"
        + " traffic it allows beyond L4 (" + r + "): npv treats it as allowed for some requests only (it may"
        + " allow the L4 flow when proving a deny, never when proving an allow)"));
    if (!icmps.isEmpty()) {
      diags.warning(Codes.CILIUM_ICMP_RULE, e.keyLocation("icmps"), what + " has ICMP rules, which npv reads but"
          + " does not check: it decides TCP, UDP and SCTP connections only, which ICMP rules never match");
    }
    return Optional.of(rule);
  }
}
