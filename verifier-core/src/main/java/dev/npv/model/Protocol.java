package dev.npv.model;

import java.util.Optional;

/** The L4 protocols NetworkPolicy ports may name. Kubernetes defaults an omitted protocol to TCP. */
public enum Protocol {
  TCP, UDP, SCTP;

  public static Optional<Protocol> parse(String text) {
    for (Protocol p : values()) {
      if (p.name().equals(text)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
