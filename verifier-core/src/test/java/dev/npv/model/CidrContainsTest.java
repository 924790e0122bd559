package dev.npv.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cidr.contains at block edges, both families, and across families. */
class CidrContainsTest {
  private static IpAddress ip(String s) {
    return IpAddress.parse(s).orElseThrow();
  }

  @Test
  void ipv4Edges() {
    Cidr c = Cidr.of("10.1.2.0/23");
    assertFalse(c.contains(ip("10.1.1.255")));
    assertTrue(c.contains(ip("10.1.2.0")));
    assertTrue(c.contains(ip("10.1.3.255")));
    assertFalse(c.contains(ip("10.1.4.0")));
    assertTrue(Cidr.of("0.0.0.0/0").contains(ip("255.255.255.255")));
    assertTrue(Cidr.of("1.2.3.4/32").contains(ip("1.2.3.4")));
    assertFalse(Cidr.of("1.2.3.4/32").contains(ip("1.2.3.5")));
    assertTrue(Cidr.of("10.1.2.3/8").contains(ip("10.200.0.1")), "host bits are cleared");
  }

  @Test
  void ipv6Edges() {
    Cidr c = Cidr.of("2001:db8::/32");
    assertFalse(c.contains(ip("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")));
    assertTrue(c.contains(ip("2001:db8::")));
    assertTrue(c.contains(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")));
    assertFalse(c.contains(ip("2001:db9::")));
    assertTrue(Cidr.of("::/0").contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    assertTrue(Cidr.of("::1/128").contains(ip("::1")));
    assertFalse(Cidr.of("::1/128").contains(ip("::2")));
  }

  @Test
  void familiesNeverMix() {
    assertFalse(Cidr.of("::/0").contains(ip("0.0.0.0")));
    assertFalse(Cidr.of("0.0.0.0/0").contains(ip("::")));
    assertFalse(Cidr.of("::ffff:0:0/96").contains(ip("1.2.3.4")), "IPv4-mapped block is IPv6");
  }
}
