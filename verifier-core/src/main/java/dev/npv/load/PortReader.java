package dev.npv.load;

import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.load.YNode.ScalarType;
import dev.npv.load.YNode.YScalar;
import dev.npv.model.PolicyPort;
import dev.npv.model.Protocol;
import java.util.Optional;

/**
 * Reads a NetworkPolicyPort ({@code protocol}, {@code port}, {@code endPort}) with the API server's
 * validation: port 1..65535 or an IANA service name, endPort only with a numeric port and not below
 * it, protocol TCP, UDP or SCTP. Shared with the spec reader.
 */
public final class PortReader {
  private static final ImmutableSet<String> FIELDS = ImmutableSet.of("protocol", "port", "endPort");

  private PortReader() {
  }

  public static Optional<PolicyPort> read(YNode node, Diagnostics diags) {
    Optional<Fields> f = Fields.of(node, "NetworkPolicyPort", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields p = f.get().known(FIELDS);
    int errorsBefore = diags.errorCount();
    Optional<Protocol> protocol = protocol(p, "protocol", diags);
    Optional<Integer> number = Optional.empty();
    Optional<String> name = Optional.empty();
    Optional<YNode> portNode = p.node("port");
    if (portNode.isPresent()) {
      YNode n = portNode.get();
      if (n instanceof YScalar s && s.type() == ScalarType.INT) {
        number = Fields.asInteger(n, "'port' in NetworkPolicyPort", diags)
            .filter(v -> checkRange(v, n, "port", diags));
      } else if (n instanceof YScalar s && s.type() == ScalarType.STRING) {
        Optional<String> problem = K8sNames.portNameProblem(s.text());
        if (problem.isPresent()) {
          diags.error(Codes.PORT_NAME, n.location(), "invalid port '" + s.text() + "': " + problem.get());
        } else {
          name = Optional.of(s.text());
        }
      } else {
        diags.error(Codes.TYPE, n.location(), "expected an integer or a port name for 'port' in"
            + " NetworkPolicyPort, got " + n.typeName());
      }
    }
    Optional<Integer> endPort = p.integer("endPort");
    if (endPort.isPresent()) {
      YNode n = p.node("endPort").orElseThrow();
      if (!checkRange(endPort.get(), n, "endPort", diags)) {
        endPort = Optional.empty();
      } else if (portNode.isEmpty()) {
        diags.error(Codes.END_PORT, p.keyLocation("endPort"), "'endPort' requires a numeric 'port'");
      } else if (portNode.get() instanceof YScalar s && s.type() == ScalarType.STRING) {
        diags.error(Codes.END_PORT, p.keyLocation("endPort"),
            "'endPort' cannot be used with a named port ('" + s.text() + "')");
      } else if (number.isPresent() && endPort.get() < number.get()) {
        diags.error(Codes.END_PORT, n.location(), "'endPort' " + endPort.get()
            + " must be greater than or equal to 'port' " + number.get());
      }
    }
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new PolicyPort(PolicyNormalizer.protocol(protocol),
        PolicyNormalizer.portSpec(number, name, endPort)));
  }

  /** Reads an optional protocol field; reports anything but TCP, UDP or SCTP (case-sensitive, as the API). */
  public static Optional<Protocol> protocol(Fields f, String key, Diagnostics diags) {
    Optional<String> text = f.string(key);
    Optional<Protocol> protocol = text.flatMap(Protocol::parse);
    if (text.isPresent() && protocol.isEmpty()) {
      diags.error(Codes.PROTOCOL, f.valueLocation(key), "unsupported protocol '" + text.get()
          + "' (valid: TCP, UDP, SCTP)");
    }
    return protocol;
  }

  /** True when {@code v} is a valid port number; reports it otherwise. */
  public static boolean checkRange(int v, YNode at, String field, Diagnostics diags) {
    if (v < 1 || v > 65535) {
      diags.error(Codes.PORT_RANGE, at.location(), "'" + field + "' " + v + " is out of range 1..65535");
      return false;
    }
    return true;
  }
}
