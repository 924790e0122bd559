package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.Cidr;
import dev.npv.model.IpBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an IPBlock ({@code cidr}, {@code except}). As the API server: the CIDR must parse, and each
 * except entry must be strictly inside it (same family). Host bits are accepted with a warning naming
 * the canonical form, because the API server accepts them too but users rarely mean them.
 */
public final class IpBlockReader {
  private static final ImmutableSet<String> FIELDS = ImmutableSet.of("cidr", "except");

  private IpBlockReader() {
  }

  public static Optional<IpBlock> read(YNode node, Diagnostics diags) {
    Optional<Fields> f = Fields.of(node, "IPBlock", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields b = f.get().known(FIELDS);
    Optional<Cidr> cidr = b.requireString("cidr").flatMap(t -> cidr(t, b.node("cidr").orElseThrow(), diags));
    List<Cidr> except = new ArrayList<>();
    boolean ok = cidr.isPresent();
    for (YNode item : b.list("except").orElse(ImmutableList.of())) {
      Optional<Cidr> e = Fields.asString(item, "an 'except' entry of IPBlock", diags)
          .flatMap(t -> cidr(t, item, diags));
      if (e.isEmpty()) {
        ok = false;
        continue;
      }
      if (cidr.isPresent() && !strictlyInside(e.get(), cidr.get())) {
        diags.error(Codes.CIDR_EXCEPT, item.location(), "except entry " + e.get().text()
            + " is not strictly inside the block's cidr " + cidr.get().text()
            + (e.get().v6() != cidr.get().v6() ? " (different address family)" : "")
            + " (the API server refuses it: remove it, or except a smaller block inside the cidr)");
        ok = false;
        continue;
      }
      except.add(e.get());
    }
    return ok ? Optional.of(new IpBlock(cidr.get(), ImmutableList.copyOf(except))) : Optional.empty();
  }

  private static boolean strictlyInside(Cidr inner, Cidr outer) {
    return outer.contains(inner) && inner.prefix() > outer.prefix();
  }

  /** An IPv4 CIDR with leading zeros in an octet or the prefix length, without them; empty otherwise. */
  private static Optional<String> withoutLeadingZeros(String text) {
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)/(\\d+)").matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (int g = 1; g <= 5; g++) {
      String part = m.group(g).replaceFirst("^0+(?=.)", "");
      if (part.length() > 3) {
        return Optional.empty();
      }
      out.append(part).append(g < 4 ? "." : g == 4 ? "/" : "");
    }
    return out.toString().equals(text) ? Optional.empty() : Optional.of(out.toString());
  }

  private static Optional<Cidr> cidr(String text, YNode at, Diagnostics diags) {
    Optional<Cidr> c = Cidr.parse(text);
    Optional<String> sloppy = c.isPresent() ? Optional.empty() : withoutLeadingZeros(text);
    if (sloppy.isPresent() && Cidr.parse(sloppy.get()).isPresent()) {
      // The API server parses this legacy field sloppily: leading zeros are decimal, as in the
      // canonical form; with StrictIPCIDRValidation (newer releases) it refuses them instead.
      c = Cidr.parse(sloppy.get());
      diags.warning(Codes.CIDR_LEADING_ZEROS, at.location(), "CIDR '" + text + "' has leading zeros; the API server"
          + " reads it as " + sloppy.get() + " (releases with strict IP validation refuse it): write " + sloppy.get());
    }
    if (c.isEmpty()) {
      diags.error(Codes.CIDR, at.location(), "invalid CIDR '" + text
          + "' (expected an address with a prefix length, e.g. 10.0.0.0/8 or fd00::/8)");
      return c;
    }
    if (c.get().hadHostBits()) {
      diags.warning(Codes.CIDR_HOST_BITS, at.location(), "CIDR '" + text + "' has host bits set; it means "
          + c.get().canonical());
    }
    return c;
  }
}
