package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminApi;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.AdminSubject;
import dev.npv.model.AdminTier;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import dev.npv.model.PolicyPort;
import dev.npv.model.UnmodelledPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an admin policy strictly, with its CRD's validation: a policy.networking.k8s.io/v1alpha1
 * AdminNetworkPolicy or BaselineAdminNetworkPolicy (apis/v1alpha1 of kubernetes-sigs/network-policy-api:
 * priority 0..1000 for ANP only, at most 100 rules per direction, actions Allow, Deny, Pass, the
 * baseline has no Pass, 1..100 peers, at most 100 ports), or a v1alpha2 ClusterNetworkPolicy
 * (apis/v1alpha2/clusternetworkpolicy_types.go: required {@code tier} Admin or Baseline and
 * {@code priority} 0..1000, at most 25 rules per direction, actions Accept, Deny, Pass in both tiers,
 * 1..25 peers, 1..25 {@code protocols}, no named port in an egress rule with a networks, nodes or
 * domainNames peer). Every subject sets exactly one of namespaces/pods. Peers and ports are read by
 * {@link AdminPeerReader}.
 *
 * <p>A v1beta1 ClusterNetworkPolicy (apis/v1beta1/clusternetworkpolicy_types.go) has v1alpha2's schema
 * field for field, with every validation marker the same, except one: its {@code CIDR} type's CEL rule is
 * {@code isCIDR(self) && cidr(self) == cidr(self).masked()}, so a {@code networks} entry with host bits
 * set is refused (v1alpha2's rule is {@code isCIDR(self)}: accepted, with a warning). Both versions go
 * into the same Admin and Baseline tiers.
 */
final class AdminPolicyReader {
  private static final ImmutableSet<String> ANP_SPEC = ImmutableSet.of("priority", "subject", "ingress", "egress");
  private static final ImmutableSet<String> BANP_SPEC = ImmutableSet.of("subject", "ingress", "egress");
  private static final ImmutableSet<String> CNP_SPEC = ImmutableSet.of("tier", "priority", "subject", "ingress",
      "egress");
  private static final ImmutableSet<String> SUBJECT_FIELDS = ImmutableSet.of("namespaces", "pods");
  private static final ImmutableSet<String> INGRESS_FIELDS = ImmutableSet.of("name", "action", "from", "ports");
  private static final ImmutableSet<String> EGRESS_FIELDS = ImmutableSet.of("name", "action", "to", "ports");
  private static final ImmutableSet<String> CNP_INGRESS_FIELDS = ImmutableSet.of("name", "action", "from", "protocols");
  private static final ImmutableSet<String> CNP_EGRESS_FIELDS = ImmutableSet.of("name", "action", "to", "protocols");
  /** "A total of 100 rules will be allowed in each ANP instance" (per direction, kubebuilder MaxItems). */
  static final int MAX_ITEMS = 100;
  /** ClusterNetworkPolicy: "A maximum of 25 rules is allowed"; peers and protocols MaxItems=25 too. */
  static final int CNP_MAX_ITEMS = 25;
  /** Rule names: "may be no more than 100 characters in length" (both versions). */
  private static final int MAX_RULE_NAME = 100;
  /** The singleton: "BaselineAdminNetworkPolicy ... the only valid name is default". */
  static final String BANP_NAME = "default";
  static final String CNP_V1ALPHA2 = "policy.networking.k8s.io/v1alpha2";
  static final String CNP_V1BETA1 = "policy.networking.k8s.io/v1beta1";

  private final Diagnostics diags;
  private final AdminPeerReader peers;

  private final UnmodelledKinds ignored;
  private final Consumer<UnmodelledPolicy> keepAside;

  AdminPolicyReader(Diagnostics diags) {
    this(diags, UnmodelledKinds.NONE, p -> { });
  }

  /** {@code keepAside} receives a policy with peers npv does not model, unless {@code ignored} says otherwise. */
  AdminPolicyReader(Diagnostics diags, UnmodelledKinds ignored, Consumer<UnmodelledPolicy> keepAside) {
    this.diags = diags;
    this.peers = new AdminPeerReader(diags);
    this.ignored = ignored;
    this.keepAside = keepAside;
  }

  Optional<AdminPolicy> read(Manifest m, ObjectMeta meta, AdminApi api) {
    Fields object = m.object().known(PolicyReader.OBJECT_FIELDS);
    int errorsBefore = diags.errorCount();
    if (meta.namespace().isPresent()) {
      diags.warning(Codes.IGNORED_RULES, meta.nameLocation(), api.kind() + " is cluster-scoped:"
          + " metadata.namespace '" + meta.namespace().get() + "' is ignored");
    }
    if (api == AdminApi.BANP && !meta.name().equals(BANP_NAME)) {
      diags.error(Codes.BANP_NAME, meta.nameLocation(), "a BaselineAdminNetworkPolicy must be named '"
          + BANP_NAME + "' (it is a cluster singleton; the API server rejects any other name), got '"
          + meta.name() + "'");
    }
    Optional<Fields> spec = object.requireObject("spec", api.kind() + "Spec");
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    Fields s = spec.get().known(api == AdminApi.ANP ? ANP_SPEC : api == AdminApi.BANP ? BANP_SPEC : CNP_SPEC);
    Optional<AdminTier> tier = api == AdminApi.ANP ? Optional.of(AdminTier.ADMIN)
        : api == AdminApi.BANP ? Optional.of(AdminTier.BASELINE) : tier(s);
    int priority = api == AdminApi.BANP ? MAX_PRIORITY + 1 : priority(s);
    Optional<AdminSubject> subject = s.requireObject("subject", api == AdminApi.CNP ? "ClusterNetworkPolicySubject"
        : "AdminNetworkPolicySubject").flatMap(f -> subject(f, api));
    // v1beta1's CIDR must be a network address (the CRD's CEL rule); v1alpha2's and v1alpha1's may have host bits.
    boolean networkAddressOnly = m.apiVersion().equals(CNP_V1BETA1);
    ImmutableList<AdminRule> ingress = rules(s, api, networkAddressOnly, Direction.INGRESS);
    ImmutableList<AdminRule> egress = rules(s, api, networkAddressOnly, Direction.EGRESS);
    if (diags.errorCount() > errorsBefore || subject.isEmpty() || tier.isEmpty()) {
      return Optional.empty();
    }
    if (peers.sawDomainNames() && !ignored.ignores("domainNames", m.apiVersion())) {
      keepAside.accept(new UnmodelledPolicy(api.kind(), m.apiVersion(), Optional.empty(), meta.name(),
          Optional.of("domainNames"), m.location()));
    }
    return Optional.of(new AdminPolicy(api, tier.get(), meta.name(), priority, subject.get(), ingress, egress,
        m.location()));
  }

  static final int MAX_PRIORITY = 1000;

  /** ClusterNetworkPolicy {@code spec.tier}: required, "Admin" or "Baseline" (case-sensitive enum). */
  private Optional<AdminTier> tier(Fields s) {
    return s.requireString("tier").flatMap(t -> {
      Optional<AdminTier> tier = Arrays.stream(AdminTier.values()).filter(x -> x.apiName().equals(t)).findFirst();
      if (tier.isEmpty()) {
        diags.error(Codes.CNP_TIER, s.valueLocation("tier"), "invalid tier '" + t
            + "' (valid: Admin, Baseline; case-sensitive)");
      }
      return tier;
    });
  }

  /**
   * "Priority is a value from 0 to 1000. Rules with lower priority values have higher precedence."
   * Required in AdminNetworkPolicy and ClusterNetworkPolicy alike.
   */
  private int priority(Fields s) {
    Optional<Integer> p = s.require("priority").flatMap(n -> Fields.asInteger(n, "'priority' in " + s.type(), diags));
    if (p.isPresent() && (p.get() < 0 || p.get() > MAX_PRIORITY)) {
      diags.error(Codes.ADMIN_PRIORITY, s.valueLocation("priority"), "priority " + p.get()
          + " is out of range 0..1000 (lower values take precedence)");
    }
    return p.orElse(0);
  }

  /** Exactly one of {@code namespaces} (a LabelSelector) or {@code pods} (a NamespacedPod). */
  private Optional<AdminSubject> subject(Fields f, AdminApi api) {
    Fields s = f.known(SUBJECT_FIELDS);
    if (!exactlyOne(s, SUBJECT_FIELDS)) {
      return Optional.empty();
    }
    if (s.has("namespaces")) {
      return SelectorReader.read(s.node("namespaces").orElseThrow(), "subject.namespaces", diags)
          .map(ns -> new AdminSubject(ns, LabelSelector.ALL));
    }
    return s.object("pods", "NamespacedPod").flatMap(p -> {
      p.known(ImmutableSet.of("namespaceSelector", "podSelector"));
      Optional<LabelSelector> ns = peers.namespaceSelector(p, api == AdminApi.CNP, "subject.pods.namespaceSelector");
      Optional<LabelSelector> pod = p.require("podSelector")
          .flatMap(n -> SelectorReader.read(n, "subject.pods.podSelector", diags));
      return ns.isPresent() && pod.isPresent() ? Optional.of(new AdminSubject(ns.get(), pod.get())) : Optional.empty();
    });
  }

  /** Reports unless exactly one of {@code keys} is set ("Exactly one field must be set"). */
  boolean exactlyOne(Fields f, ImmutableSet<String> keys) {
    return exactlyOne(f, keys, diags);
  }

  static boolean exactlyOne(Fields f, ImmutableSet<String> keys, Diagnostics diags) {
    List<String> set = keys.stream().filter(f::has).toList();
    if (set.size() == 1) {
      return true;
    }
    diags.error(Codes.ADMIN_ONE_OF, f.location(), f.type() + " must set exactly one of "
        + String.join(", ", keys.stream().map(k -> "'" + k + "'").toList())
        + (set.isEmpty() ? "; none is set" : "; found " + String.join(", ", set)));
    return false;
  }

  private ImmutableList<AdminRule> rules(Fields spec, AdminApi api, boolean networkAddressOnly, Direction d) {
    int max = api == AdminApi.CNP ? CNP_MAX_ITEMS : MAX_ITEMS;
    ImmutableList<YNode> items = spec.list(d.lower()).orElse(ImmutableList.of());
    if (items.size() > max) {
      diags.error(Codes.ADMIN_LIMIT, spec.keyLocation(d.lower()), items.size() + " " + d.lower()
          + " rules; the API allows at most " + max);
    }
    ImmutableList.Builder<AdminRule> out = ImmutableList.builder();
    for (int i = 0; i < items.size(); i++) {
      rule(items.get(i), api, networkAddressOnly, d, i).ifPresent(out::add);
    }
    return out.build();
  }

  private Optional<AdminRule> rule(YNode node, AdminApi api, boolean networkAddressOnly, Direction d, int index) {
    boolean in = d == Direction.INGRESS;
    boolean v2 = api == AdminApi.CNP;
    String type = api.kind() + (in ? "IngressRule" : "EgressRule");
    Optional<Fields> f = Fields.of(node, type, diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(v2 ? (in ? CNP_INGRESS_FIELDS : CNP_EGRESS_FIELDS) : in ? INGRESS_FIELDS : EGRESS_FIELDS);
    int max = v2 ? CNP_MAX_ITEMS : MAX_ITEMS;
    int errorsBefore = diags.errorCount();
    Optional<String> name = r.string("name");
    if (name.isPresent() && name.get().length() > MAX_RULE_NAME) {
      diags.error(Codes.ADMIN_LIMIT, r.valueLocation("name"), "rule name is " + name.get().length()
          + " characters long; the API allows at most " + MAX_RULE_NAME);
    }
    Optional<AdminAction> action = r.requireString("action").flatMap(t -> {
      Optional<AdminAction> a = AdminAction.parse(t, api).filter(x -> api != AdminApi.BANP || x != AdminAction.PASS);
      if (a.isEmpty()) {
        diags.error(Codes.ADMIN_ACTION, r.valueLocation("action"), "invalid action '" + t + "' (valid: "
            + String.join(", ", Arrays.stream(AdminAction.values()).filter(x -> api != AdminApi.BANP
                || x != AdminAction.PASS).map(x -> x.apiName(api)).toList()) + "; case-sensitive)");
      }
      return a;
    });
    String peersKey = in ? "from" : "to";
    List<Peer> ruleP = new ArrayList<>();
    Optional<ImmutableList<YNode>> peerItems = r.require(peersKey).flatMap(n -> Fields.asList(n,
        "'" + peersKey + "' in " + type, diags));
    peerItems.ifPresent(items -> {
      if (items.isEmpty() || items.size() > max) {
        diags.error(Codes.ADMIN_LIMIT, r.valueLocation(peersKey), "'" + peersKey + "' must list 1 to "
            + max + " peers, got " + items.size());
      }
      items.forEach(item -> ruleP.addAll(peers.peer(item, d, api, networkAddressOnly)));
    });
    String portsKey = v2 ? "protocols" : "ports";
    List<PolicyPort> ports = new ArrayList<>();
    r.list(portsKey).ifPresent(items -> {
      if (items.isEmpty() || items.size() > max) {
        diags.error(Codes.ADMIN_LIMIT, r.valueLocation(portsKey), "'" + portsKey + "' must list 1 to " + max
            + " entries (omit '" + portsKey + "' to match every port), got " + items.size());
      }
      items.forEach(item -> ports.addAll(v2 ? peers.protocol(item) : peers.port(item)));
    });
    if (v2 && !in) {
      namedPortNeedsPods(r, peerItems.orElse(ImmutableList.of()));
    }
    if (ruleP.isEmpty() && peers.sawDomainNames() && diags.errorCount() == errorsBefore) {
      return Optional.empty(); // only domainNames peers, all left out: the rule matches nothing npv models
    }
    if (diags.errorCount() > errorsBefore || action.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AdminRule(d, index, name, action.get(), ImmutableList.copyOf(ruleP),
        ImmutableList.copyOf(ports), node.location()));
  }

  /**
   * The CRD's CEL rule on ClusterNetworkPolicyEgressRule: "networks/nodes/domainNames peer cannot be set
   * with namedPorts since there are no namedPorts for networks/nodes/domainNames".
   */
  private void namedPortNeedsPods(Fields rule, List<YNode> peerItems) {
    boolean unnamedPeer = peerItems.stream().anyMatch(p -> p instanceof YNode.YMap m
        && AdminPeerReader.UNNAMED_PORT_PEERS.stream().anyMatch(k -> m.get(k).isPresent()));
    boolean namedPort = rule.list("protocols").orElse(ImmutableList.of()).stream().anyMatch(p -> p instanceof YNode.YMap m
        && m.get("destinationNamedPort").isPresent());
    if (unnamedPeer && namedPort) {
      diags.error(Codes.ADMIN_NAMED_PORT_PEER, rule.keyLocation("protocols"), "a destinationNamedPort cannot be"
          + " used in an egress rule with a networks, nodes or domainNames peer: those have no named ports (the"
          + " API rejects this rule)");
    }
  }
}
