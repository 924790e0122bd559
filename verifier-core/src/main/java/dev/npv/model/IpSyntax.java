package dev.npv.model;

import java.util.regex.Pattern;

/**
 * The textual forms the API server accepts for IPs and CIDRs (Go's net.ParseIP / ParseCIDR): dotted
 * quads without leading zeros, or IPv6 in hex groups (optionally ending in a dotted quad). The
 * address library we parse with is far more lenient (inet_aton shorthands like {@code 10.1}, octal
 * {@code 010.0.0.1}, wildcards {@code 10.0.0.*}, ranges, zone ids {@code fe80::1%eth0}, masks,
 * surrounding blanks); each of those would silently mean a different address, so they are refused here.
 */
public final class IpSyntax {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern V4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(:" + V4.pattern() + ")?");
  private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

  private IpSyntax() {
  }

  /** A plain address in a form the API server accepts (not yet checked for IPv6 group structure). */
  public static boolean isAddress(String s) {
    return V4.matcher(s).matches() || V6.matcher(s).matches();
  }

  /** {@code address/prefix} with a decimal prefix no longer than the family's bits. */
  public static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0 || slash != s.lastIndexOf('/')) {
      return false;
    }
    String addr = s.substring(0, slash);
    String prefix = s.substring(slash + 1);
    if (!isAddress(addr) || !PREFIX.matcher(prefix).matches()) {
      return false;
    }
    return Integer.parseInt(prefix) <= (V4.matcher(addr).matches() ? 32 : 128);
  }
}
