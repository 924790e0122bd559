package dev.npv.model;

/**
 * One ICMP field of an {@code icmps} rule: a family (IPv4 or IPv6) and a type (number or name). Read and
 * kept, not modelled: npv checks TCP, UDP and SCTP connections only, which an ICMP rule never matches.
 */
public record CiliumIcmp(String family, String type) {
  @Override
  public String toString() {
    return family + " type " + type;
  }
}
