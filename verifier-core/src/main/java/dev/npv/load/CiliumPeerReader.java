package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.Cidr;
import dev.npv.model.CiliumEntity;
import dev.npv.model.CiliumPeer;
import dev.npv.model.IpBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the L3 fields of one Cilium ingress or egress entry into {@link CiliumPeer}s. */
final class CiliumPeerReader {
  private static final ImmutableSet<String> CIDR_RULE_FIELDS =
      ImmutableSet.of("cidr", "cidrGroupRef", "cidrGroupSelector", "except");
  private static final ImmutableSet<String> SERVICE_FIELDS = ImmutableSet.of("k8sService", "k8sServiceSelector");
  private static final ImmutableSet<String> FQDN_FIELDS = ImmutableSet.of("matchName", "matchPattern");
  private static final ImmutableSet<String> AWS_FIELDS =
      ImmutableSet.of("labels", "region", "securityGroupsIds", "securityGroupsNames");
  /** The CRD's patterns for toFQDNs (fqdn.go). */
  private static final Pattern MATCH_NAME = Pattern.compile("([-a-zA-Z0-9_]+[.]?)+");
  private static final Pattern MATCH_PATTERN = Pattern.compile("([-a-zA-Z0-9_*]+[.]?)+");

  private final Diagnostics diags;
  private final CiliumSelectorReader selectors;
  private final Optional<String> namespace;
  private final String what;

  CiliumPeerReader(Diagnostics diags, CiliumSelectorReader selectors, Optional<String> namespace, String what) {
    this.diags = diags;
    this.selectors = selectors;
    this.namespace = namespace;
    this.what = what;
  }

  /** Whether {@code key} names peers (the *Requires fields only constrain other peers). */
  static boolean isPeerField(String key) {
    return !key.endsWith("Requires");
  }

  List<CiliumPeer> read(Fields entry, String key) {
    List<CiliumPeer> out = new ArrayList<>();
    ImmutableList<YNode> items = entry.list(key).orElse(ImmutableList.of());
    String at = what + "." + key;
    for (int i = 0; i < items.size(); i++) {
      YNode item = items.get(i);
      String itemWhat = at + "[" + i + "]";
      switch (key) {
        case "fromEndpoints", "toEndpoints" ->
            selectors.peer(item, itemWhat, namespace).map(CiliumPeer.Endpoints::new).ifPresent(out::add);
        case "fromRequires", "toRequires" -> diags.error(Codes.CILIUM_UNSUPPORTED, item.location(), "'" + key
            + "' is deprecated and not modelled (recent Cilium CRDs admit only an empty list); write the"
            + " requirement into every fromEndpoints/toEndpoints selector of the policies selecting this endpoint");
        case "fromCIDR", "toCIDR" -> Fields.asString(item, "an entry of " + key, diags)
            .flatMap(t -> cidr(t, item)).map(c -> new CiliumPeer.Cidr(new IpBlock(c, ImmutableList.of())))
            .ifPresent(out::add);
        case "fromCIDRSet", "toCIDRSet" -> cidrRule(item, itemWhat).ifPresent(out::add);
        case "fromEntities", "toEntities" -> Fields.asString(item, "an entry of " + key, diags)
            .flatMap(t -> entity(t, item, itemWhat)).map(CiliumPeer.Entity::new).ifPresent(out::add);
        case "fromNodes", "toNodes" -> SelectorReader.read(item, itemWhat, diags).map(CiliumPeer.Nodes::new)
            .ifPresent(out::add);
        case "toServices" -> service(item, itemWhat).ifPresent(out::add);
        case "toFQDNs" -> fqdn(item, itemWhat).ifPresent(out::add);
        case "fromGroups", "toGroups" -> group(item, key, itemWhat).ifPresent(out::add);
        default -> throw new IllegalArgumentException("not an L3 field: " + key);
      }
    }
    for (CiliumPeer p : out) {
      if (p instanceof CiliumPeer.Dynamic dyn) {
        diags.warning(Codes.CILIUM_DYNAMIC_PEER, entry.keyLocation(key), at + ": " + dyn + " names peers the"
            + " manifests do not fix (they change at run time); npv treats whether it matches as unknown: an"
            + " allow may match any peer when proving a deny and none when proving an allow, a deny the reverse");
        break;
      }
    }
    return out;
  }

  private Optional<CiliumEntity> entity(String text, YNode at, String itemWhat) {
    Optional<CiliumEntity> e = CiliumEntity.parse(text);
    if (e.isEmpty()) {
      diags.error(Codes.CILIUM_ENTITY, at.location(), "unknown entity '" + text + "' in " + itemWhat + " (valid: "
          + String.join(", ", Arrays.stream(CiliumEntity.values()).map(CiliumEntity::apiName).toList())
          + "; case-sensitive)");
    } else if (!e.get().exact()) {
      diags.warning(Codes.CILIUM_INEXACT_ENTITY, at.location(), "entity '" + text + "' in " + itemWhat + " means "
          + e.get().mapping() + "; npv cannot say exactly which of its endpoints it matches, so whether it"
          + " matches is unknown to npv");
    }
    return e;
  }

  private Optional<CiliumPeer> cidrRule(YNode node, String itemWhat) {
    Optional<Fields> f = Fields.of(node, "CIDRRule", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(CIDR_RULE_FIELDS);
    long given = ImmutableList.of("cidr", "cidrGroupRef", "cidrGroupSelector").stream().filter(r::has).count();
    if (given != 1) {
      diags.error(Codes.CILIUM_ONE_OF, r.location(), itemWhat + " needs exactly one of cidr, cidrGroupRef,"
          + " cidrGroupSelector (it has " + given + ")");
      return Optional.empty();
    }
    if (r.has("cidrGroupRef")) {
      return r.string("cidrGroupRef").flatMap(name -> {
        Optional<String> p = K8sNames.subdomainProblem(name);
        if (p.isPresent()) {
          diags.error(Codes.NAME, r.valueLocation("cidrGroupRef"), "invalid cidrGroupRef '" + name + "': " + p.get());
          return Optional.empty();
        }
        return Optional.of(new CiliumPeer.Dynamic("cidrGroupRef", name));
      });
    }
    if (r.has("cidrGroupSelector")) {
      return SelectorReader.read(r.node("cidrGroupSelector").orElseThrow(), itemWhat + ".cidrGroupSelector", diags)
          .map(s -> new CiliumPeer.Dynamic("cidrGroupSelector", s.toString()));
    }
    Optional<Cidr> cidr = r.string("cidr").flatMap(t -> cidr(t, r.node("cidr").orElseThrow()));
    List<Cidr> except = new ArrayList<>();
    boolean ok = cidr.isPresent();
    for (YNode item : r.list("except").orElse(ImmutableList.of())) {
      Optional<Cidr> e = Fields.asString(item, "an 'except' entry of " + itemWhat, diags).flatMap(t -> cidr(t, item));
      if (e.isEmpty()) {
        ok = false;
      } else if (cidr.isPresent() && !cidr.get().contains(e.get())) {
        diags.error(Codes.CIDR_EXCEPT, item.location(), "except entry " + e.get().text() + " is not inside the"
            + " cidr " + cidr.get().text() + " of " + itemWhat + " (write a block inside it, or remove it)");
        ok = false;
      } else {
        except.add(e.get());
      }
    }
    return ok ? Optional.of(new CiliumPeer.Cidr(new IpBlock(cidr.get(), ImmutableList.copyOf(except))))
        : Optional.empty();
  }

  /** A CIDR, or a bare address (older Cilium CRDs admit one; it means the single address). */
  private Optional<Cidr> cidr(String text, YNode at) {
    Optional<Cidr> c = Cidr.parse(text);
    if (c.isEmpty() && !text.contains("/")) {
      c = Cidr.parse(text + "/32").or(() -> Cidr.parse(text + "/128"));
    }
    if (c.isEmpty()) {
      diags.error(Codes.CIDR, at.location(), "invalid CIDR '" + text + "' (write an address with a prefix length,"
          + " e.g. 10.0.0.0/8 or fd00::/8)");
      return c;
    }
    if (c.get().hadHostBits()) {
      diags.warning(Codes.CIDR_HOST_BITS, at.location(), "CIDR '" + text + "' has host bits set; it means "
          + c.get().canonical());
    }
    return c;
  }

  private Optional<CiliumPeer> service(YNode node, String itemWhat) {
    Optional<Fields> f = Fields.of(node, "Service", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields s = f.get().known(SERVICE_FIELDS);
    List<String> parts = new ArrayList<>();
    s.object("k8sService", "K8sServiceNamespace").ifPresent(k -> {
      k.known(ImmutableSet.of("serviceName", "namespace"));
      parts.add(k.string("namespace").map(n -> n + "/").orElse("") + k.string("serviceName").orElse("*"));
    });
    s.object("k8sServiceSelector", "ServiceSelector").ifPresent(k -> {
      k.known(ImmutableSet.of("selector", "namespace"));
      Optional<String> ns = k.string("namespace");
      k.require("selector").flatMap(n -> SelectorReader.read(n, itemWhat + ".k8sServiceSelector.selector", diags))
          .ifPresent(sel -> parts.add(ns.map(n -> n + "/").orElse("") + "selector " + sel));
    });
    if (parts.isEmpty()) {
      diags.error(Codes.CILIUM_ONE_OF, s.location(), itemWhat + " names no service (write k8sService or"
          + " k8sServiceSelector)");
      return Optional.empty();
    }
    return Optional.of(new CiliumPeer.Dynamic("toServices", String.join(" and ", parts)));
  }

  private Optional<CiliumPeer> fqdn(YNode node, String itemWhat) {
    Optional<Fields> f = Fields.of(node, "FQDNSelector", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields s = f.get().known(FQDN_FIELDS);
    if (s.has("matchName") == s.has("matchPattern")) {
      diags.error(Codes.CILIUM_ONE_OF, s.location(), itemWhat + " needs exactly one of matchName, matchPattern");
      return Optional.empty();
    }
    String key = s.has("matchName") ? "matchName" : "matchPattern";
    Pattern pattern = key.equals("matchName") ? MATCH_NAME : MATCH_PATTERN;
    return s.string(key).flatMap(t -> {
      if (t.length() > 255 || !pattern.matcher(t).matches()) {
        diags.error(Codes.CILIUM_VALUE, s.valueLocation(key), "invalid " + key + " '" + t + "' in " + itemWhat
            + " (at most 255 letters, digits, '-', '_', '.'" + (key.equals("matchPattern") ? ", '*'" : "") + ")");
        return Optional.empty();
      }
      return Optional.of(new CiliumPeer.Dynamic("toFQDNs", key + " " + t));
    });
  }

  private Optional<CiliumPeer> group(YNode node, String key, String itemWhat) {
    Optional<Fields> f = Fields.of(node, "Groups", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields g = f.get().known(ImmutableSet.of("aws"));
    Optional<Fields> aws = g.object("aws", "AWSGroup").map(a -> a.known(AWS_FIELDS));
    if (aws.isEmpty()) {
      diags.error(Codes.CILIUM_ONE_OF, g.location(), itemWhat + " names no group (write aws: ...)");
      return Optional.empty();
    }
    aws.get().string("region");
    aws.get().list("securityGroupsIds").ifPresent(l -> l.forEach(x -> Fields.asString(x, "a security group id", diags)));
    aws.get().list("securityGroupsNames").ifPresent(l -> l.forEach(x -> Fields.asString(x, "a security group name",
        diags)));
    aws.get().node("labels").ifPresent(n -> LabelReader.read(n, "labels of " + itemWhat, diags));
    return Optional.of(new CiliumPeer.Dynamic(key, "aws"));
  }
}
