package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminRule;
import dev.npv.model.AdminSubject;
import dev.npv.model.AdminTier;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import dev.npv.model.PolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy or BaselineAdminNetworkPolicy strictly,
 * with the CRD's validation (apis/v1alpha1 of kubernetes-sigs/network-policy-api): priority 0..1000
 * (ANP only), a subject with exactly one of namespaces/pods, at most 100 rules per direction, each with
 * an action (Allow, Deny, Pass; the baseline has no Pass), 1..100 peers and at most 100 ports. Peers and
 * ports are read by {@link AdminPeerReader}.
 */
final class AdminPolicyReader {
  private static final ImmutableSet<String> ANP_SPEC = ImmutableSet.of("priority", "subject", "ingress", "egress");
  private static final ImmutableSet<String> BANP_SPEC = ImmutableSet.of("subject", "ingress", "egress");
  private static final ImmutableSet<String> SUBJECT_FIELDS = ImmutableSet.of("namespaces", "pods");
  private static final ImmutableSet<String> INGRESS_FIELDS = ImmutableSet.of("name", "action", "from", "ports");
  private static final ImmutableSet<String> EGRESS_FIELDS = ImmutableSet.of("name", "action", "to", "ports");
  /** "A total of 100 rules will be allowed in each ANP instance" (per direction, kubebuilder MaxItems). */
  static final int MAX_ITEMS = 100;
  /** The singleton: "BaselineAdminNetworkPolicy ... the only valid name is default". */
  static final String BANP_NAME = "default";

  private final Diagnostics diags;
  private final AdminPeerReader peers;

  AdminPolicyReader(Diagnostics diags) {
    this.diags = diags;
    this.peers = new AdminPeerReader(diags);
  }

  Optional<AdminPolicy> read(Manifest m, ObjectMeta meta, AdminTier tier) {
    Fields object = m.object().known(PolicyReader.OBJECT_FIELDS);
    int errorsBefore = diags.errorCount();
    if (meta.namespace().isPresent()) {
      diags.warning(Codes.IGNORED_RULES, meta.nameLocation(), tier.kind() + " is cluster-scoped:"
          + " metadata.namespace '" + meta.namespace().get() + "' is ignored");
    }
    if (tier == AdminTier.BASELINE && !meta.name().equals(BANP_NAME)) {
      diags.error(Codes.BANP_NAME, meta.nameLocation(), "a BaselineAdminNetworkPolicy must be named '"
          + BANP_NAME + "' (it is a cluster singleton; the API server rejects any other name), got '"
          + meta.name() + "'");
    }
    Optional<Fields> spec = object.requireObject("spec", tier.kind() + "Spec");
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    Fields s = spec.get().known(tier == AdminTier.ADMIN ? ANP_SPEC : BANP_SPEC);
    int priority = tier == AdminTier.ADMIN ? priority(s) : MAX_PRIORITY + 1;
    Optional<AdminSubject> subject = s.requireObject("subject", "AdminNetworkPolicySubject").flatMap(this::subject);
    ImmutableList<AdminRule> ingress = rules(s, tier, Direction.INGRESS);
    ImmutableList<AdminRule> egress = rules(s, tier, Direction.EGRESS);
    if (diags.errorCount() > errorsBefore || subject.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AdminPolicy(tier, meta.name(), priority, subject.get(), ingress, egress, m.location()));
  }

  static final int MAX_PRIORITY = 1000;

  /** "Priority is a value from 0 to 1000. Rules with lower priority values have higher precedence." */
  private int priority(Fields s) {
    Optional<Integer> p = s.require("priority").flatMap(n -> Fields.asInteger(n, "'priority' in"
        + " AdminNetworkPolicySpec", diags));
    if (p.isPresent() && (p.get() < 0 || p.get() > MAX_PRIORITY)) {
      diags.error(Codes.ADMIN_PRIORITY, s.valueLocation("priority"), "priority " + p.get()
          + " is out of range 0..1000 (lower values take precedence)");
    }
    return p.orElse(0);
  }

  /** Exactly one of {@code namespaces} (a LabelSelector) or {@code pods} (both selectors required). */
  private Optional<AdminSubject> subject(Fields f) {
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
      Optional<LabelSelector> ns = p.require("namespaceSelector")
          .flatMap(n -> SelectorReader.read(n, "subject.pods.namespaceSelector", diags));
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

  private ImmutableList<AdminRule> rules(Fields spec, AdminTier tier, Direction d) {
    ImmutableList<YNode> items = spec.list(d.lower()).orElse(ImmutableList.of());
    if (items.size() > MAX_ITEMS) {
      diags.error(Codes.ADMIN_LIMIT, spec.keyLocation(d.lower()), items.size() + " " + d.lower()
          + " rules; the API allows at most " + MAX_ITEMS);
    }
    ImmutableList.Builder<AdminRule> out = ImmutableList.builder();
    for (int i = 0; i < items.size(); i++) {
      rule(items.get(i), tier, d, i).ifPresent(out::add);
    }
    return out.build();
  }

  private Optional<AdminRule> rule(YNode node, AdminTier tier, Direction d, int index) {
    boolean in = d == Direction.INGRESS;
    String type = tier.kind() + (in ? "IngressRule" : "EgressRule");
    Optional<Fields> f = Fields.of(node, type, diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(in ? INGRESS_FIELDS : EGRESS_FIELDS);
    int errorsBefore = diags.errorCount();
    Optional<String> name = r.string("name");
    if (name.isPresent() && name.get().length() > MAX_ITEMS) {
      diags.error(Codes.ADMIN_LIMIT, r.valueLocation("name"), "rule name is " + name.get().length()
          + " characters long; the API allows at most 100");
    }
    Optional<AdminAction> action = r.requireString("action").flatMap(t -> {
      Optional<AdminAction> a = AdminAction.parse(t).filter(x -> tier == AdminTier.ADMIN || x != AdminAction.PASS);
      if (a.isEmpty()) {
        diags.error(Codes.ADMIN_ACTION, r.valueLocation("action"), "invalid action '" + t + "' (valid: "
            + (tier == AdminTier.ADMIN ? "Allow, Deny, Pass" : "Allow, Deny") + "; case-sensitive)");
      }
      return a;
    });
    String peersKey = in ? "from" : "to";
    List<Peer> ruleP = new ArrayList<>();
    Optional<ImmutableList<YNode>> peerItems = r.require(peersKey).flatMap(n -> Fields.asList(n,
        "'" + peersKey + "' in " + type, diags));
    peerItems.ifPresent(items -> {
      if (items.isEmpty() || items.size() > MAX_ITEMS) {
        diags.error(Codes.ADMIN_LIMIT, r.valueLocation(peersKey), "'" + peersKey + "' must list 1 to "
            + MAX_ITEMS + " peers, got " + items.size());
      }
      items.forEach(item -> ruleP.addAll(peers.peer(item, d)));
    });
    List<PolicyPort> ports = new ArrayList<>();
    r.list("ports").ifPresent(items -> {
      if (items.isEmpty() || items.size() > MAX_ITEMS) {
        diags.error(Codes.ADMIN_LIMIT, r.valueLocation("ports"), "'ports' must list 1 to " + MAX_ITEMS
            + " ports (omit 'ports' to match every port), got " + items.size());
      }
      items.forEach(item -> ports.addAll(peers.port(item)));
    });
    if (diags.errorCount() > errorsBefore || action.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AdminRule(d, index, name, action.get(), ImmutableList.copyOf(ruleP),
        ImmutableList.copyOf(ports), node.location()));
  }
}
