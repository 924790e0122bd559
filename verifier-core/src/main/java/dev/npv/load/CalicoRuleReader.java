package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.CalicoAction;
import dev.npv.model.CalicoEntityRule;
import dev.npv.model.CalicoPort;
import dev.npv.model.CalicoProtocol;
import dev.npv.model.CalicoRule;
import dev.npv.model.CalicoSelector;
import dev.npv.model.Cidr;
import dev.npv.model.Direction;
import dev.npv.model.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Calico {@code Rule} and its {@code EntityRule}s strictly, with the checks of libcalico-go's
 * validator ({@code validateRule}, {@code validateEntityRule}, {@code validateNetworkPolicySpec}) and the
 * field types of projectcalico/api {@code policy_common.go}:
 * <ul>
 *   <li>without {@code protocol} only named ports may be given; with a protocol that has no ports
 *       (anything but TCP, UDP, SCTP) no ports at all;</li>
 *   <li>{@code nets}/{@code notNets} are CIDRs (or single addresses); a rule does not mix IPv4 and IPv6,
 *       agrees with {@code ipVersion}, and negates no catch-all block;</li>
 *   <li>{@code global()} only in an entity's {@code namespaceSelector}, and then alone;</li>
 *   <li>{@code services} has a name, no selector and no nets, and sits in the destination of egress or
 *       the source of ingress rules; {@code http} is not allowed in egress rules.</li>
 * </ul>
 */
final class CalicoRuleReader {
  private static final ImmutableSet<String> RULE_FIELDS = ImmutableSet.of("action", "ipVersion", "protocol",
      "notProtocol", "icmp", "notICMP", "source", "destination", "http", "metadata");
  private static final ImmutableSet<String> ENTITY_FIELDS = ImmutableSet.of("nets", "notNets", "selector",
      "notSelector", "namespaceSelector", "serviceAccounts", "services", "ports", "notPorts");
  private static final ImmutableSet<String> SA_FIELDS = ImmutableSet.of("names", "selector");
  private static final ImmutableSet<String> SERVICE_FIELDS = ImmutableSet.of("name", "namespace");
  private static final ImmutableSet<String> ICMP_FIELDS = ImmutableSet.of("type", "code");
  private static final ImmutableSet<String> HTTP_FIELDS = ImmutableSet.of("methods", "paths");
  private static final ImmutableSet<String> PATH_FIELDS = ImmutableSet.of("exact", "prefix");
  private static final Pattern RANGE = Pattern.compile("(\\d+):(\\d+)");
  private static final Pattern PORT_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private final Diagnostics diags;
  private final CalicoSelectorReader selectors;

  CalicoRuleReader(Diagnostics diags, SourceLines sources) {
    this.diags = diags;
    this.selectors = new CalicoSelectorReader(diags, sources);
  }

  ImmutableList<CalicoRule> rules(Fields spec, String key, Direction direction) {
    ImmutableList.Builder<CalicoRule> out = ImmutableList.builder();
    ImmutableList<YNode> items = spec.list(key).orElse(ImmutableList.of());
    for (int i = 0; i < items.size(); i++) {
      rule(items.get(i), direction, i).ifPresent(out::add);
    }
    return out.build();
  }

  private Optional<CalicoRule> rule(YNode node, Direction direction, int index) {
    Optional<Fields> f = Fields.of(node, "Rule (" + direction.lower() + " rule " + index + ")", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    int errorsBefore = diags.errorCount();
    Fields r = f.get().known(RULE_FIELDS, Map.of(
        "notIcmp", "did you mean 'notICMP'? (Calico spells it so)",
        "ports", "'ports' belongs inside 'source' or 'destination'",
        "selector", "'selector' belongs inside 'source' or 'destination'",
        "nets", "'nets' belongs inside 'source' or 'destination'"));
    Optional<CalicoAction> action = r.requireString("action").flatMap(a -> {
      Optional<CalicoAction> parsed = CalicoAction.parse(a);
      if (parsed.isEmpty()) {
        diags.error(Codes.CALICO_ACTION, r.valueLocation("action"), "invalid action '" + a
            + "' (valid: Allow, Deny, Log, Pass; case-sensitive)");
      }
      return parsed;
    });
    Optional<Integer> ipVersion = r.integer("ipVersion").filter(v -> {
      boolean ok = v == 4 || v == 6;
      if (!ok) {
        diags.error(Codes.CALICO_IP_VERSION, r.valueLocation("ipVersion"), "ipVersion must be 4 or 6, got " + v);
      }
      return ok;
    });
    Optional<CalicoProtocol> protocol = r.node("protocol").flatMap(n -> protocol(n, "protocol"));
    Optional<CalicoProtocol> notProtocol = r.node("notProtocol").flatMap(n -> protocol(n, "notProtocol"));
    Optional<CalicoRule.Icmp> icmp = r.object("icmp", "ICMPFields").flatMap(this::icmp);
    Optional<CalicoRule.Icmp> notIcmp = r.object("notICMP", "ICMPFields").flatMap(this::icmp);
    Optional<CalicoRule.Http> http = r.object("http", "HTTPMatch").flatMap(this::http);
    r.object("metadata", "RuleMetadata").ifPresent(m -> m.known(ImmutableSet.of("annotations"))
        .object("annotations", "annotations"));
    CalicoEntityRule source = r.object("source", "EntityRule (source)").map(this::entity)
        .orElse(CalicoEntityRule.ANY);
    CalicoEntityRule destination = r.object("destination", "EntityRule (destination)").map(this::entity)
        .orElse(CalicoEntityRule.ANY);
    checkPorts(r, protocol, source, "source");
    checkPorts(r, protocol, destination, "destination");
    checkNets(r, ipVersion, source, destination);
    boolean in = direction == Direction.INGRESS;
    if (in ? destination.service().isPresent() : source.service().isPresent()) {
      diags.error(Codes.CALICO_SERVICES, r.keyLocation(in ? "destination" : "source"), "'services' is not"
          + " allowed in the " + (in ? "destination of an ingress" : "source of an egress") + " rule (it selects"
          + " the peer: the source of ingress, the destination of egress)");
    }
    if (!in && http.isPresent()) {
      diags.error(Codes.CALICO_HTTP, r.keyLocation("http"), "'http' is not allowed in an egress rule (Calico"
          + " applies HTTP matches to ingress only)");
    }
    if (diags.errorCount() > errorsBefore || action.isEmpty()) {
      return Optional.empty();
    }
    CalicoRule rule = new CalicoRule(direction, index, action.get(), ipVersion, protocol, notProtocol, icmp,
        notIcmp, http, source, destination, node.location());
    if (!rule.unmodelled().isEmpty()) {
      diags.warning(Codes.CALICO_UNMODELLED_MATCH, node.location(), rule + " matches on "
          + String.join(", ", rule.unmodelled()) + ", which npv does not model at L3/L4: such a rule is taken as"
          + " one that may or may not match, so verdicts it could change are UNKNOWN");
    }
    return Optional.of(rule);
  }

  /** A name of {@link CalicoProtocol#NAMES} (case-sensitive) or a number 1-255 (int or numeric string). */
  private Optional<CalicoProtocol> protocol(YNode n, String key) {
    if (n instanceof YNode.YScalar s && (s.type() == YNode.ScalarType.INT || s.type() == YNode.ScalarType.STRING)) {
      if (s.text().matches("\\d{1,3}")) {
        int v = Integer.parseInt(s.text());
        if (v >= 1 && v <= 255) {
          return Optional.of(CalicoProtocol.number(v));
        }
      } else if (s.type() == YNode.ScalarType.STRING) {
        Optional<CalicoProtocol> named = CalicoProtocol.named(s.text());
        if (named.isPresent()) {
          return named;
        }
        Optional<String> sameIgnoringCase = CalicoProtocol.NAMES.keySet().stream()
            .filter(k -> k.equalsIgnoreCase(s.text())).findFirst();
        diags.error(Codes.CALICO_PROTOCOL, n.location(), "invalid " + key + " '" + s.text() + "' ("
            + sameIgnoringCase.map(k -> "did you mean '" + k + "'? names are case-sensitive")
            .orElse("valid: TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255") + ")");
        return Optional.empty();
      }
    }
    diags.error(Codes.CALICO_PROTOCOL, n.location(), "invalid " + key + " " + describe(n)
        + " (valid: TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite or a number 1-255)");
    return Optional.empty();
  }

  private static String describe(YNode n) {
    return n instanceof YNode.YScalar s ? "'" + s.text() + "'" : n.typeName();
  }

  private Optional<CalicoRule.Icmp> icmp(Fields f) {
    f.known(ICMP_FIELDS);
    Optional<Integer> type = f.integer("type");
    Optional<Integer> code = f.integer("code");
    boolean ok = true;
    if (type.isPresent() && (type.get() < 0 || type.get() > 254)) {
      diags.error(Codes.CALICO_ICMP, f.valueLocation("type"), "ICMP type must be 0-254, got " + type.get());
      ok = false;
    }
    if (code.isPresent() && (code.get() < 0 || code.get() > 255)) {
      diags.error(Codes.CALICO_ICMP, f.valueLocation("code"), "ICMP code must be 0-255, got " + code.get());
      ok = false;
    }
    if (code.isPresent() && type.isEmpty()) {
      diags.error(Codes.CALICO_ICMP, f.keyLocation("code"), "ICMP code specified without an ICMP type (add"
          + " 'type')");
      ok = false;
    }
    return ok ? Optional.of(new CalicoRule.Icmp(type, code)) : Optional.empty();
  }

  private Optional<CalicoRule.Http> http(Fields f) {
    f.known(HTTP_FIELDS);
    List<String> methods = new ArrayList<>();
    f.list("methods").ifPresent(items -> items.forEach(i -> Fields.asString(i, "an HTTP method", diags)
        .ifPresent(methods::add)));
    List<String> exact = new ArrayList<>();
    List<String> prefix = new ArrayList<>();
    for (YNode item : f.list("paths").orElse(ImmutableList.of())) {
      Fields.of(item, "HTTPPath", diags).map(p -> p.known(PATH_FIELDS)).ifPresent(p -> {
        Optional<String> e = p.string("exact");
        Optional<String> x = p.string("prefix");
        if (e.isPresent() == x.isPresent()) {
          diags.error(Codes.CALICO_HTTP, p.location(), "an HTTP path has exactly one of 'exact' and 'prefix'");
        }
        e.ifPresent(exact::add);
        x.ifPresent(prefix::add);
      });
    }
    return Optional.of(new CalicoRule.Http(ImmutableList.copyOf(methods), ImmutableList.copyOf(exact),
        ImmutableList.copyOf(prefix)));
  }

  private CalicoEntityRule entity(Fields f) {
    f.known(ENTITY_FIELDS, Map.of(
        "namespaceSelectors", "did you mean 'namespaceSelector'?",
        "serviceAccountSelector", "write serviceAccounts: {selector: ...}"));
    ImmutableList<Cidr> nets = nets(f, "nets");
    ImmutableList<Cidr> notNets = nets(f, "notNets");
    if (CalicoSelectorReader.mentionsGlobal(f, "selector")) {
      diags.error(Codes.CALICO_GLOBAL_SELECTOR, f.valueLocation("selector"), "global() can only be used in an"
          + " EntityRule namespaceSelector (to select GlobalNetworkSets, write namespaceSelector: global())");
    }
    Optional<CalicoSelector> selector = selectors.read(f, "selector");
    Optional<CalicoSelector> notSelector = selectors.read(f, "notSelector");
    Optional<CalicoSelector> namespaceSelector = selectors.read(f, "namespaceSelector");
    if (namespaceSelector.isPresent() && CalicoSelectorReader.mentionsGlobal(f, "namespaceSelector")
        && !(namespaceSelector.get() instanceof CalicoSelector.Global)) {
      diags.error(Codes.CALICO_GLOBAL_SELECTOR, f.valueLocation("namespaceSelector"), "a namespaceSelector"
          + " with global() must be global() alone (it selects the non-namespaced resources)");
    }
    ImmutableSortedSet<String> saNames = ImmutableSortedSet.of();
    Optional<CalicoSelector> saSelector = Optional.empty();
    Optional<Fields> sa = f.object("serviceAccounts", "ServiceAccountMatch");
    if (sa.isPresent()) {
      sa.get().known(SA_FIELDS);
      List<String> names = new ArrayList<>();
      sa.get().list("names").ifPresent(items -> items.forEach(i -> Fields.asString(i, "a service account name",
          diags).ifPresent(names::add)));
      saNames = ImmutableSortedSet.copyOf(names);
      saSelector = selectors.read(sa.get(), "selector");
    }
    Optional<CalicoEntityRule.ServiceRef> service = f.object("services", "ServiceMatch").flatMap(s -> {
      s.known(SERVICE_FIELDS);
      Optional<String> name = s.string("name");
      if (name.isEmpty() || name.get().isEmpty()) {
        diags.error(Codes.CALICO_SERVICES, s.location(), "'services' must specify a service name");
      }
      if (f.has("selector") || f.has("notSelector")) {
        diags.error(Codes.CALICO_SERVICES, f.keyLocation("services"), "cannot specify selector/notSelector and"
            + " services on the same rule");
      }
      if (f.has("nets") || f.has("notNets")) {
        diags.error(Codes.CALICO_SERVICES, f.keyLocation("services"), "cannot specify nets/notNets and services"
            + " on the same rule");
      }
      return name.map(n -> new CalicoEntityRule.ServiceRef(n, s.string("namespace").orElse("")));
    });
    return new CalicoEntityRule(nets, notNets, selector, notSelector, namespaceSelector, saNames, saSelector,
        service, ports(f, "ports"), ports(f, "notPorts"));
  }

  private ImmutableList<Cidr> nets(Fields f, String key) {
    ImmutableList.Builder<Cidr> out = ImmutableList.builder();
    for (YNode item : f.list(key).orElse(ImmutableList.of())) {
      Fields.asString(item, "an entry of '" + key + "'", diags).ifPresent(t -> {
        Optional<Cidr> c = t.contains("/") ? Cidr.parse(t)
            : IpAddress.parse(t).map(ip -> Cidr.of(ip + (ip.v6() ? "/128" : "/32")));
        if (c.isEmpty()) {
          diags.error(Codes.CALICO_NETS, item.location(), "invalid CIDR '" + t + "' in '" + key
              + "' (expected e.g. 10.0.0.0/8, fd00::/8 or a single address)");
          return;
        }
        if (c.get().hadHostBits()) {
          diags.warning(Codes.CIDR_HOST_BITS, item.location(), "CIDR '" + t + "' has host bits set; it means "
              + c.get().canonical());
        }
        if (key.equals("notNets") && c.get().prefix() == 0) {
          diags.error(Codes.CALICO_NETS, item.location(), "catch-all CIDR " + t + " in notNets matches no traffic"
              + " (Calico refuses it; remove the rule or the entry)");
          return;
        }
        out.add(c.get());
      });
    }
    return out.build();
  }

  private ImmutableList<CalicoPort> ports(Fields f, String key) {
    ImmutableList.Builder<CalicoPort> out = ImmutableList.builder();
    for (YNode item : f.list(key).orElse(ImmutableList.of())) {
      port(item, key).ifPresent(out::add);
    }
    return out.build();
  }

  /** {@code numorstring.Port}: an integer, or a string "n", "min:max" or a port name. */
  private Optional<CalicoPort> port(YNode n, String key) {
    if (!(n instanceof YNode.YScalar s) || !(s.type() == YNode.ScalarType.INT || s.type() == YNode.ScalarType.STRING)) {
      diags.error(Codes.CALICO_PORT, n.location(), "invalid entry of '" + key + "': expected a port number,"
          + " \"min:max\" or a port name, got " + n.typeName());
      return Optional.empty();
    }
    String t = s.text();
    if (t.matches("\\d+")) {
      return number(t, n, key).map(p -> new CalicoPort.Range(p, p));
    }
    Matcher m = RANGE.matcher(t);
    if (s.type() == YNode.ScalarType.STRING && m.matches()) {
      Optional<Integer> min = number(m.group(1), n, key);
      Optional<Integer> max = number(m.group(2), n, key);
      if (min.isEmpty() || max.isEmpty()) {
        return Optional.empty();
      }
      if (min.get() > max.get()) {
        diags.error(Codes.CALICO_PORT, n.location(), "port range " + t + " in '" + key + "': the minimum ("
            + min.get() + ") is greater than the maximum (" + max.get() + ")");
        return Optional.empty();
      }
      return Optional.of(new CalicoPort.Range(min.get(), max.get()));
    }
    if (s.type() == YNode.ScalarType.STRING && PORT_NAME.matcher(t).matches()) {
      return Optional.of(new CalicoPort.Named(t));
    }
    diags.error(Codes.CALICO_PORT, n.location(), "invalid entry '" + t + "' of '" + key + "' (expected a port"
        + " number 0-65535, a range \"min:max\" or a port name of letters, digits, '_', '.', '-')");
    return Optional.empty();
  }

  private Optional<Integer> number(String digits, YNode at, String key) {
    if (digits.length() > 5 || Integer.parseInt(digits) > 65535) {
      diags.error(Codes.CALICO_PORT, at.location(), "port " + digits + " in '" + key + "' is out of range"
          + " (0-65535)");
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(digits));
  }

  private void checkPorts(Fields rule, Optional<CalicoProtocol> protocol, CalicoEntityRule e, String side) {
    for (String key : List.of("ports", "notPorts")) {
      List<CalicoPort> ports = key.equals("ports") ? e.ports() : e.notPorts();
      if (ports.isEmpty()) {
        continue;
      }
      if (protocol.isEmpty() && ports.stream().anyMatch(p -> p instanceof CalicoPort.Range)) {
        diags.error(Codes.CALICO_PORTS_PROTOCOL, rule.keyLocation(side), side + "." + key + " has port numbers"
            + " but the rule has no protocol (add protocol: TCP, UDP or SCTP; only named ports work without one)");
      } else if (protocol.isPresent() && !protocol.get().hasPorts()) {
        diags.error(Codes.CALICO_PORTS_PROTOCOL, rule.keyLocation(side), side + "." + key + " is set but"
            + " protocol " + protocol.get() + " has no ports (ports need TCP, UDP or SCTP)");
      }
    }
  }

  private void checkNets(Fields rule, Optional<Integer> ipVersion, CalicoEntityRule source,
                         CalicoEntityRule destination) {
    List<Cidr> all = new ArrayList<>();
    all.addAll(source.nets());
    all.addAll(source.notNets());
    all.addAll(destination.nets());
    all.addAll(destination.notNets());
    boolean v4 = all.stream().anyMatch(c -> !c.v6());
    boolean v6 = all.stream().anyMatch(Cidr::v6);
    if (v4 && v6) {
      diags.error(Codes.CALICO_NETS, rule.location(), "the rule contains both IPv4 and IPv6 CIDRs (Calico"
          + " refuses that; split it into one rule per address family)");
    }
    if (ipVersion.isPresent() && (v4 && ipVersion.get() != 4 || v6 && ipVersion.get() != 6)) {
      diags.error(Codes.CALICO_IP_VERSION, rule.valueLocation("ipVersion"), "ipVersion " + ipVersion.get()
          + " does not match the rule's CIDRs");
    }
  }
}
