package dev.npv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the forms the API server accepts parse; lenient forms that would mean another address do not. */
class IpSyntaxTest {
  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "fe80::1", "::ffff:10.0.0.1",
      "2001:db8::ff00:42:8329", "64:ff9b::192.0.2.33"})
  void acceptedAddresses(String s) {
    assertTrue(IpAddress.parse(s).isPresent(), s);
    assertTrue(Cidr.parse(s + (s.contains(":") ? "/128" : "/32")).isPresent(), s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.1", "010.0.0.1", "10.0.0.*", "10.0.0.1-5", "fe80::1%eth0", " 10.0.0.1", "10.0.0.1 ",
      "0x0a.0.0.1", "10.0.0.256", "1::2::3", "::g", "10.0.0.1/32", "*", "", "1.2.3.4.5", "::ffff:10.1"})
  void refusedAddresses(String s) {
    assertEquals(Optional.empty(), IpAddress.parse(s), s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "::/129", "10.0.0.0/8/8", "10.0.0.0/08", "10.0.0.0/-1",
      "10.0.0.0/255.0.0.0", "10.1/16", "10.0.0.*/8", "fe80::%eth0/64", "10.0.0.0/ 8", "::"})
  void refusedCidrs(String s) {
    assertEquals(Optional.empty(), Cidr.parse(s), s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"::ffff:10.0.0.1/128", "10.0.0.1/8", "0.0.0.0/0", "::/0"})
  void acceptedCidrs(String s) {
    assertTrue(Cidr.parse(s).isPresent(), s);
  }
}
