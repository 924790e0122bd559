package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.load.YNode.ScalarType;
import dev.npv.load.YNode.YScalar;
import dev.npv.model.CiliumIcmp;
import dev.npv.model.CiliumPort;
import dev.npv.model.CiliumPortRule;
import dev.npv.model.CiliumProtocol;
import dev.npv.model.PortSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the L4 part of a Cilium entry: {@code toPorts} (PortRule: {@code ports} of PortProtocol, and for
 * allow entries the L7 parts) and {@code icmps} (ICMPRule), as the CRD schema checks them
 * (pkg/policy/api/l4.go, icmp.go). A PortProtocol's {@code port} is a string: a number 0..65535 (0:
 * every port) or a port name; {@code endPort} a number; {@code protocol} TCP, UDP, SCTP, VRRP, IGMP or
 * ANY (also when omitted).
 */
final class CiliumPortReader {
  private static final ImmutableSet<String> PORT_RULE_FIELDS = ImmutableSet.of("ports", "rules", "serverNames",
      "terminatingTLS", "originatingTLS", "listener");
  private static final ImmutableSet<String> PORT_FIELDS = ImmutableSet.of("port", "endPort", "protocol");
  private static final ImmutableSet<String> L7_FIELDS = ImmutableSet.of("http", "kafka", "dns", "l7proto", "l7");
  private static final ImmutableSet<String> HTTP_FIELDS =
      ImmutableSet.of("path", "method", "host", "headers", "headerMatches");
  private static final ImmutableSet<String> KAFKA_FIELDS =
      ImmutableSet.of("role", "apiKey", "apiVersion", "clientID", "topic");
  private static final ImmutableSet<String> DNS_FIELDS = ImmutableSet.of("matchName", "matchPattern");
  private static final ImmutableSet<String> ICMP_FIELDS = ImmutableSet.of("family", "type");
  private static final int MAX_ITEMS = 40;
  /** Cilium's port names (the name part of the CRD's pattern): letters, digits, single '-', one letter at least. */
  private static final Pattern PORT_NAME = Pattern.compile("([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,5}");
  /** The ICMP type names the CRD admits (icmp.go). */
  private static final ImmutableSet<String> ICMP_TYPES = ImmutableSet.of("EchoReply", "DestinationUnreachable",
      "Redirect", "Echo", "EchoRequest", "RouterAdvertisement", "RouterSelection", "TimeExceeded", "ParameterProblem",
      "Timestamp", "TimestampReply", "Photuris", "ExtendedEchoRequest", "ExtendedEchoReply", "PacketTooBig",
      "MulticastListenerQuery", "MulticastListenerReport", "MulticastListenerDone", "RouterSolicitation",
      "NeighborSolicitation", "NeighborAdvertisement", "RedirectMessage", "RouterRenumbering",
      "ICMPNodeInformationQuery", "ICMPNodeInformationResponse", "InverseNeighborDiscoverySolicitation",
      "InverseNeighborDiscoveryAdvertisement", "HomeAgentAddressDiscoveryRequest", "HomeAgentAddressDiscoveryReply",
      "MobilePrefixSolicitation", "MobilePrefixAdvertisement", "DuplicateAddressRequestCodeSuffix",
      "DuplicateAddressConfirmationCodeSuffix");

  private final Diagnostics diags;
  private final String what;
  private final boolean deny;

  CiliumPortReader(Diagnostics diags, String what, boolean deny) {
    this.diags = diags;
    this.what = what;
    this.deny = deny;
  }

  ImmutableList<CiliumPortRule> portRules(Fields entry) {
    ImmutableList.Builder<CiliumPortRule> out = ImmutableList.builder();
    ImmutableList<YNode> items = entry.list("toPorts").orElse(ImmutableList.of());
    for (int i = 0; i < items.size(); i++) {
      portRule(items.get(i), what + ".toPorts[" + i + "]").ifPresent(out::add);
    }
    return out.build();
  }

  private Optional<CiliumPortRule> portRule(YNode node, String at) {
    Optional<Fields> f = Fields.of(node, deny ? "PortDenyRule" : "PortRule", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields r = f.get().known(deny ? ImmutableSet.of("ports") : PORT_RULE_FIELDS);
    int errorsBefore = diags.errorCount();
    ImmutableList<YNode> items = r.list("ports").orElse(ImmutableList.of());
    if (items.size() > MAX_ITEMS) {
      diags.error(Codes.CILIUM_LIMIT, r.keyLocation("ports"), at + ".ports has " + items.size() + " entries; the CRD"
          + " admits at most " + MAX_ITEMS + " (split it into several toPorts entries)");
    }
    List<CiliumPort> ports = new ArrayList<>();
    for (YNode item : items) {
      port(item).ifPresent(ports::add);
    }
    Optional<String> l7 = deny ? Optional.empty() : l7(r, at);
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    for (CiliumPort p : ports) {
      if (p.protocol().transports().isEmpty()) {
        diags.warning(Codes.CILIUM_UNCHECKED_PROTOCOL, node.location(), at + " names protocol " + p.protocol()
            + ", which npv does not check (it decides TCP, UDP and SCTP connections); this port matches none of them");
      }
    }
    return Optional.of(new CiliumPortRule(ImmutableList.copyOf(ports), l7));
  }

  private Optional<CiliumPort> port(YNode node) {
    Optional<Fields> f = Fields.of(node, "PortProtocol", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields p = f.get().known(PORT_FIELDS);
    int errorsBefore = diags.errorCount();
    Optional<CiliumProtocol> protocol = p.string("protocol").flatMap(t -> {
      Optional<CiliumProtocol> parsed = CiliumProtocol.parse(t);
      if (parsed.isEmpty()) {
        diags.error(Codes.PROTOCOL, p.valueLocation("protocol"), "unsupported protocol '" + t + "' (valid: TCP, UDP,"
            + " SCTP, VRRP, IGMP, ANY; case-sensitive; ICMP is written as an 'icmps' rule)");
      }
      return parsed;
    });
    Optional<Integer> number = Optional.empty();
    Optional<String> name = Optional.empty();
    Optional<String> text = p.string("port");
    if (text.isPresent()) {
      String t = text.get();
      if (NUMBER.matcher(t).matches()) {
        int v = Integer.parseInt(t);
        if (v > 65535) {
          diags.error(Codes.PORT_RANGE, p.valueLocation("port"), "port '" + t + "' is out of range 0..65535");
        } else {
          number = Optional.of(v);
        }
      } else if (t.length() <= 15 && PORT_NAME.matcher(t).matches()) {
        name = Optional.of(t.toLowerCase(Locale.ROOT)); // Cilium matches port names case-insensitively
      } else {
        diags.error(Codes.PORT_NAME, p.valueLocation("port"), "invalid port '" + t + "' (write a number 0..65535,"
            + " or a port name of at most 15 letters, digits and single '-' with at least one letter)");
      }
    }
    Optional<Integer> endPort = p.integer("endPort");
    if (endPort.isPresent()) {
      int e = endPort.get();
      if (e < 0 || e > 65535) {
        diags.error(Codes.PORT_RANGE, p.valueLocation("endPort"), "'endPort' " + e + " is out of range 0..65535");
      } else if (name.isPresent()) {
        diags.error(Codes.END_PORT, p.keyLocation("endPort"), "'endPort' cannot be used with a named port ('"
            + text.get() + "'); write a numeric port");
      } else if (e != 0 && number.orElse(0) == 0) {
        diags.error(Codes.END_PORT, p.keyLocation("endPort"), "'endPort' needs a numeric 'port' from 1 (write the"
            + " first port of the range)");
      } else if (e != 0 && e < number.get()) {
        diags.error(Codes.END_PORT, p.valueLocation("endPort"), "'endPort' " + e + " must be greater than or equal"
            + " to 'port' " + number.get());
      }
    }
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    PortSpec spec;
    if (name.isPresent()) {
      spec = new PortSpec.Named(name.get());
    } else if (number.orElse(0) == 0) {
      spec = new PortSpec.AnyPort();
    } else {
      int first = number.get();
      spec = new PortSpec.Range(first, Math.max(first, endPort.orElse(0)));
    }
    return Optional.of(new CiliumPort(protocol.orElse(CiliumProtocol.ANY), spec));
  }

  /** Reads what restricts an allowed port beyond L4 and names it; empty when nothing does. */
  private Optional<String> l7(Fields r, String at) {
    List<String> parts = new ArrayList<>();
    r.object("rules", "L7Rules").ifPresent(rules -> {
      rules.known(L7_FIELDS);
      long kinds = ImmutableList.of("http", "kafka", "dns", "l7proto").stream().filter(rules::has).count();
      if (kinds > 1) {
        diags.error(Codes.CILIUM_ONE_OF, rules.location(), at + ".rules has more than one of http, kafka, dns,"
            + " l7proto; the CRD admits one (split them into several toPorts entries)");
      }
      items(rules, "http", HTTP_FIELDS);
      items(rules, "kafka", KAFKA_FIELDS);
      items(rules, "dns", DNS_FIELDS);
      rules.list("l7").ifPresent(l -> l.forEach(x -> Fields.of(x, "PortRuleL7", diags)));
      rules.string("l7proto").ifPresent(proto -> parts.add("l7proto " + proto + " rules"));
      ImmutableList.of("http", "kafka", "dns").stream().filter(rules::has).forEach(k -> parts.add(k + " rules"));
    });
    if (r.has("serverNames")) {
      r.list("serverNames").ifPresent(l -> l.forEach(x -> Fields.asString(x, "a server name", diags)));
      parts.add("serverNames");
    }
    if (r.has("listener")) {
      r.object("listener", "Listener");
      parts.add("a custom Envoy listener");
    }
    if (r.has("terminatingTLS") || r.has("originatingTLS")) {
      r.object("terminatingTLS", "TLSContext");
      r.object("originatingTLS", "TLSContext");
      parts.add("TLS interception");
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
  }

  private void items(Fields rules, String key, ImmutableSet<String> fields) {
    rules.list(key).ifPresent(l -> l.forEach(x -> Fields.of(x, key + " rule", diags).ifPresent(f -> f.known(fields))));
  }

  static ImmutableList<CiliumIcmp> icmps(Fields entry, String what, Diagnostics diags) {
    ImmutableList.Builder<CiliumIcmp> out = ImmutableList.builder();
    for (YNode rule : entry.list("icmps").orElse(ImmutableList.of())) {
      Optional<Fields> r = Fields.of(rule, "ICMPRule", diags).map(x -> x.known(ImmutableSet.of("fields")));
      ImmutableList<YNode> fields = r.flatMap(x -> x.list("fields")).orElse(ImmutableList.of());
      if (fields.size() > MAX_ITEMS) {
        diags.error(Codes.CILIUM_LIMIT, rule.location(), what + ".icmps has a rule with " + fields.size()
            + " fields; the CRD admits at most " + MAX_ITEMS);
      }
      for (YNode field : fields) {
        Fields.of(field, "ICMPField", diags).map(x -> x.known(ICMP_FIELDS)).ifPresent(x -> icmp(x, diags)
            .ifPresent(out::add));
      }
    }
    return out.build();
  }

  private static Optional<CiliumIcmp> icmp(Fields f, Diagnostics diags) {
    String family = f.string("family").orElse("IPv4");
    boolean ok = true;
    if (!family.equals("IPv4") && !family.equals("IPv6")) {
      diags.error(Codes.CILIUM_ICMP, f.valueLocation("family"), "unknown ICMP family '" + family
          + "' (valid: IPv4, IPv6)");
      ok = false;
    }
    Optional<YNode> type = f.require("type");
    if (type.isEmpty()) {
      return Optional.empty();
    }
    String text = type.get() instanceof YScalar s ? s.text() : "";
    boolean number = type.get() instanceof YScalar s && s.type() == ScalarType.INT;
    boolean valid = number ? text.matches("[0-9]{1,3}") && Integer.parseInt(text) <= 255
        : type.get() instanceof YScalar s && s.type() == ScalarType.STRING
        && (text.matches("[0-9]{1,3}") && Integer.parseInt(text) <= 255 || ICMP_TYPES.contains(text));
    if (!valid) {
      diags.error(Codes.CILIUM_ICMP, type.get().location(), "invalid ICMP type '" + text + "' (write a number"
          + " 0..255 or a type name such as EchoRequest)");
      ok = false;
    }
    return ok ? Optional.of(new CiliumIcmp(family, text)) : Optional.empty();
  }
}
