package dev.npv.model;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;
import java.util.Optional;

/**
 * A Calico rule protocol ({@code numorstring.Protocol}): one of the names TCP, UDP, ICMP, ICMPv6, SCTP,
 * UDPLite, or an IP protocol number 1-255. {@code number} is the IANA number either way, so
 * {@code protocol: 6} and {@code protocol: TCP} are the same protocol.
 */
public record CalicoProtocol(int number, Optional<String> name) {
  /** The names Calico's validator accepts (case-sensitive) and their IANA numbers. */
  public static final ImmutableMap<String, Integer> NAMES = ImmutableMap.of(
      "TCP", 6, "UDP", 17, "ICMP", 1, "ICMPv6", 58, "SCTP", 132, "UDPLite", 136);

  public CalicoProtocol {
    Preconditions.checkArgument(number >= 1 && number <= 255, "protocol number out of range: %s", number);
    Preconditions.checkArgument(name.isEmpty() || NAMES.get(name.get()) == number, "name and number disagree");
  }

  public static Optional<CalicoProtocol> named(String name) {
    return Optional.ofNullable(NAMES.get(name)).map(n -> new CalicoProtocol(n, Optional.of(name)));
  }

  public static CalicoProtocol number(int number) {
    return new CalicoProtocol(number, Optional.empty());
  }

  /** Only TCP (6), UDP (17) and SCTP (132) have ports ({@code Protocol.SupportsPorts}). */
  public boolean hasPorts() {
    return number == 6 || number == 17 || number == 132;
  }

  /** The Kubernetes L4 protocol with this number, if it is one. */
  public Optional<Protocol> l4() {
    return switch (number) {
      case 6 -> Optional.of(Protocol.TCP);
      case 17 -> Optional.of(Protocol.UDP);
      case 132 -> Optional.of(Protocol.SCTP);
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return name.orElse(Integer.toString(number));
  }
}
