package dev.npv.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR block. {@code base} is the network address with host bits cleared (the API
 * server accepts host bits in ipBlock CIDRs; {@link #hadHostBits} remembers them for a warning).
 */
public record Cidr(boolean v6, BigInteger base, int prefix, boolean hadHostBits, String text) {
  public int bits() {
    return v6 ? 128 : 32;
  }

  /** Parses {@code a.b.c.d/n} or {@code x::/n}; the prefix length is required, as in ipBlock. */
  public static Optional<Cidr> parse(String text) {
    String t = text;
    if (!IpSyntax.isCidr(t)) { // strict first: the address library accepts forms that mean other blocks
      return Optional.empty();
    }
    try {
      IPAddressString s = new IPAddressString(t);
      s.validate();
      IPAddress a = s.toAddress();
      if (a == null || !a.isPrefixed()) {
        return Optional.empty();
      }
      int prefix = a.getNetworkPrefixLength();
      IPAddress lower = a.getLower().withoutPrefixLength();
      IPAddress network = a.toPrefixBlock().getLower().withoutPrefixLength();
      IPAddress given = new IPAddressString(t.substring(0, t.indexOf('/'))).toAddress();
      boolean hostBits = !given.getValue().equals(network.getValue());
      return Optional.of(new Cidr(a.isIPv6(), network.getValue(), prefix, hostBits || !lower.equals(network), t));
    } catch (AddressStringException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public static Cidr of(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR: " + text));
  }

  /** The last address of the block. */
  public BigInteger last() {
    return base.add(BigInteger.ONE.shiftLeft(bits() - prefix)).subtract(BigInteger.ONE);
  }

  public boolean contains(IpAddress a) {
    if (a.v6() != v6) {
      return false;
    }
    int hostBits = bits() - prefix;
    if (!v6) { // hot in bulk analyses: plain long arithmetic, no BigInteger allocation
      return a.value().longValue() >>> hostBits == base.longValue() >>> hostBits;
    }
    return a.value().xor(base).bitLength() <= hostBits; // same network bits
  }

  /** True when every address of {@code other} is in this block (same family). */
  public boolean contains(Cidr other) {
    return other.v6 == v6 && other.prefix >= prefix && other.base.compareTo(base) >= 0
        && other.last().compareTo(last()) <= 0;
  }

  /** Canonical text: network address and prefix. */
  public String canonical() {
    return new IpAddress(v6, base) + "/" + prefix;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
