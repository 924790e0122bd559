package dev.npv.model;

/** A NetworkPolicyPort after defaulting: the protocol is always set (TCP when omitted). */
public record PolicyPort(Protocol protocol, PortSpec spec) {
  @Override
  public String toString() {
    return protocol + " " + spec;
  }
}
