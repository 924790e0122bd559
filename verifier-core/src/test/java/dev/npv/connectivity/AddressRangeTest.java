package dev.npv.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.model.Cidr;
import dev.npv.model.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRangeTest {
  private static AddressRange range(String first, String last) {
    IpAddress a = IpAddress.parse(first).orElseThrow();
    return new AddressRange(a.v6(), a.value(), IpAddress.parse(last).orElseThrow().value());
  }

  @Test
  void exactBlocksPrintAsCidr() {
    assertEquals("10.0.0.0/8", range("10.0.0.0", "10.255.255.255").toString());
    assertEquals("0.0.0.0/0", AddressRange.everything(false).toString());
    assertEquals("::/0", AddressRange.everything(true).toString());
    assertEquals("1.2.3.4/32", range("1.2.3.4", "1.2.3.4").toString());
    assertEquals("2001:db8::/32", range("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff").toString());
  }

  @Test
  void otherRangesPrintAsFirstLast() {
    assertEquals("0.0.0.0-9.255.255.255", range("0.0.0.0", "9.255.255.255").toString());
    assertEquals("10.0.0.1-10.0.0.2", range("10.0.0.1", "10.0.0.2").toString(), "size 2 but unaligned");
    assertEquals("10.0.0.0-10.0.0.2", range("10.0.0.0", "10.0.0.2").toString());
  }

  @Test
  void splitsAtEveryBoundaryOfOneFamily() {
    List<AddressRange> pieces = AddressSpace.pieces(false,
        List.of(Cidr.of("0.0.0.0/0"), Cidr.of("10.0.0.0/8"), Cidr.of("10.1.0.0/16"), Cidr.of("fd00::/8")));
    assertEquals(List.of("0.0.0.0-9.255.255.255", "10.0.0.0/16", "10.1.0.0/16", "10.2.0.0-10.255.255.255",
        "11.0.0.0-255.255.255.255"), pieces.stream().map(AddressRange::toString).toList());
    assertEquals(List.of("::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fd00::/8", "fe00::/7"),
        AddressSpace.pieces(true, List.of(Cidr.of("fd00::/8"))).stream().map(AddressRange::toString).toList());
    assertEquals(List.of("::/0"), AddressSpace.pieces(true, List.of()).stream().map(AddressRange::toString).toList());
  }
}
