package dev.npv.spec;

import com.google.common.collect.ImmutableList;

/**
 * The union of its selectors; {@code any} (the field was absent) means every endpoint: any pod and any
 * external address.
 */
public record EndpointSet(boolean any, ImmutableList<EndpointSelector> selectors) {
  public static final EndpointSet ANY = new EndpointSet(true, ImmutableList.of());

  public static EndpointSet of(Iterable<EndpointSelector> selectors) {
    return new EndpointSet(false, ImmutableList.copyOf(selectors));
  }
}
