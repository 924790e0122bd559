package dev.npv.connectivity;

import com.google.common.collect.ImmutableList;
import dev.npv.model.Cidr;
import java.math.BigInteger;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Splits one address family at the boundaries of a set of CIDR blocks. Inside each piece every
 * block either contains all addresses or none, so one representative address decides the piece.
 */
public final class AddressSpace {
  private AddressSpace() {
  }

  public static ImmutableList<AddressRange> pieces(boolean v6, Collection<Cidr> blocks) {
    AddressRange all = AddressRange.everything(v6);
    TreeSet<BigInteger> starts = new TreeSet<>();
    starts.add(BigInteger.ZERO);
    for (Cidr c : blocks) {
      if (c.v6() != v6) {
        continue;
      }
      starts.add(c.base());
      BigInteger after = c.last().add(BigInteger.ONE);
      if (after.compareTo(all.last()) <= 0) {
        starts.add(after);
      }
    }
    ImmutableList.Builder<AddressRange> out = ImmutableList.builder();
    BigInteger[] s = starts.toArray(BigInteger[]::new);
    for (int i = 0; i < s.length; i++) {
      BigInteger last = i + 1 < s.length ? s[i + 1].subtract(BigInteger.ONE) : all.last();
      out.add(new AddressRange(v6, s[i], last));
    }
    return out.build();
  }
}
