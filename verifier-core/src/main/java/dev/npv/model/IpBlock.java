package dev.npv.model;

import com.google.common.collect.ImmutableList;

/** A NetworkPolicyPeer ipBlock: addresses in {@code cidr} but in none of {@code except}. */
public record IpBlock(Cidr cidr, ImmutableList<Cidr> except) {
  public boolean contains(IpAddress a) {
    return cidr.contains(a) && except.stream().noneMatch(e -> e.contains(a));
  }

  @Override
  public String toString() {
    return except.isEmpty() ? cidr.canonical()
        : cidr.canonical() + " except " + String.join(",", except.stream().map(Cidr::canonical).toList());
  }
}
