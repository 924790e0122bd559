package dev.npv.model;

import com.google.common.collect.ImmutableList;

/** A NetworkPolicyPeer ipBlock: addresses in {@code cidr} but in none of {@code except}. */
public record IpBlock(Cidr cidr, ImmutableList<Cidr> except) {
  public boolean contains(IpAddress a) {
    if (!cidr.contains(a)) {
      return false;
    }
    for (Cidr e : except) { // a loop, not a stream: this runs per pair in bulk analyses
      if (e.contains(a)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return except.isEmpty() ? cidr.canonical()
        : cidr.canonical() + " except " + String.join(",", except.stream().map(Cidr::canonical).toList());
  }
}
