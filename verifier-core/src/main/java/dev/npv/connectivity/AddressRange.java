package dev.npv.connectivity;

import dev.npv.model.IpAddress;
import java.math.BigInteger;

/**
 * An inclusive range of IPv4 or IPv6 addresses, shown as a CIDR when it is exactly one, else as
 * {@code first-last}.
 */
public record AddressRange(boolean v6, BigInteger first, BigInteger last) implements Comparable<AddressRange> {
  public AddressRange {
    if (first.signum() < 0 || first.compareTo(last) > 0 || last.bitLength() > (v6 ? 128 : 32)) {
      throw new IllegalArgumentException("bad address range " + first + "-" + last);
    }
  }

  public int bits() {
    return v6 ? 128 : 32;
  }

  /** The whole IPv4 or IPv6 space. */
  public static AddressRange everything(boolean v6) {
    return new AddressRange(v6, BigInteger.ZERO, BigInteger.ONE.shiftLeft(v6 ? 128 : 32).subtract(BigInteger.ONE));
  }

  public IpAddress firstAddress() {
    return new IpAddress(v6, first);
  }

  /** The prefix length when the range is exactly one CIDR block, else -1. */
  public int prefixLength() {
    BigInteger size = last.subtract(first).add(BigInteger.ONE);
    if (size.bitCount() != 1) {
      return -1;
    }
    int hostBits = size.bitLength() - 1;
    return first.getLowestSetBit() >= hostBits || first.signum() == 0 ? bits() - hostBits : -1;
  }

  @Override
  public int compareTo(AddressRange o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = first.compareTo(o.first);
    return c != 0 ? c : last.compareTo(o.last);
  }

  @Override
  public String toString() {
    int prefix = prefixLength();
    return prefix >= 0 ? firstAddress() + "/" + prefix : firstAddress() + "-" + new IpAddress(v6, last);
  }
}
