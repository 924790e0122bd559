package dev.npv.model;

/**
 * One PortProtocol of a Cilium {@code toPorts} entry: a protocol and the ports it admits. Port
 * {@code "0"} or an omitted port is every port ({@link PortSpec.AnyPort}); a name resolves against the
 * destination pod's container ports, of any transport protocol when the protocol is ANY.
 */
public record CiliumPort(CiliumProtocol protocol, PortSpec spec) {
  @Override
  public String toString() {
    return protocol + " " + spec;
  }
}
