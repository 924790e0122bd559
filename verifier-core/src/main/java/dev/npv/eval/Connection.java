package dev.npv.eval;

import dev.npv.model.Protocol;

/** One connection attempt: from {@code src} to {@code dst} on {@code protocol}/{@code port}. */
public record Connection(Endpoint src, Endpoint dst, Protocol protocol, int port) {
  @Override
  public String toString() {
    return src.display() + " -> " + dst.display() + " " + protocol + "/" + port;
  }
}
