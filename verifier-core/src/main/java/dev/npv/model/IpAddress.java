package dev.npv.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.Optional;

/** An IPv4 or IPv6 address as a number, so that both evaluators can compare it against CIDRs. */
public record IpAddress(boolean v6, BigInteger value) implements Comparable<IpAddress> {
  public int bits() {
    return v6 ? 128 : 32;
  }

  /**
   * Parses a plain address (no prefix), strictly as the API server does (see {@link IpSyntax}).
   * IPv4-mapped IPv6 forms stay IPv6, as the kernel sees them.
   */
  public static Optional<IpAddress> parse(String text) {
    if (!IpSyntax.isAddress(text)) {
      return Optional.empty();
    }
    try {
      IPAddress a = new IPAddressString(text).toAddress();
      if (a.isPrefixed() && a.getNetworkPrefixLength() != a.getBitCount()) {
        return Optional.empty();
      }
      return Optional.of(new IpAddress(a.isIPv6(), a.getValue()));
    } catch (AddressStringException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static IpAddress v4(String dotted) {
    return parse(dotted).filter(a -> !a.v6()).orElseThrow(() -> new IllegalArgumentException(dotted));
  }

  @Override
  public int compareTo(IpAddress o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    byte[] raw = value.toByteArray();
    int len = v6 ? 16 : 4;
    byte[] bytes = new byte[len];
    for (int i = 0; i < len && i < raw.length; i++) {
      bytes[len - 1 - i] = raw[raw.length - 1 - i];
    }
    return (v6 ? new IPv6Address(bytes) : new IPv4Address(bytes))
        .toCanonicalString();
  }
}
