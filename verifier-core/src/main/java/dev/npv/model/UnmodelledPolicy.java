package dev.npv.model;

import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * A policy object of a kind npv does not model (a CNI's own: Antrea, Cilium, Calico, ...), or a modelled
 * policy with peers npv does not model ({@code unmodelledPeers}, e.g. an admin policy's
 * {@code domainNames}): it can allow or deny what npv decides, so every verdict it could reach is
 * untrustworthy. {@code namespace} is set for a namespaced kind, whose policies select only pods of
 * their own namespace; empty for a cluster-wide kind (or one npv cannot place), which can select any
 * endpoint.
 */
public record UnmodelledPolicy(String kind, String apiVersion, Optional<String> namespace, String name,
                               Optional<String> unmodelledPeers, SourceLocation location) {

  /** An object of a kind npv does not model. */
  public UnmodelledPolicy(String kind, String apiVersion, Optional<String> namespace, String name,
                          SourceLocation location) {
    this(kind, apiVersion, namespace, name, Optional.empty(), location);
  }

  /** What {@code --ignore-unmodelled} names to ignore it: the kind, or the kind of peer npv does not model. */
  public String ignoreKey() {
    return unmodelledPeers.orElse(kind);
  }

  public boolean clusterWide() {
    return namespace.isEmpty();
  }

  @Override
  public String toString() {
    return kind + " " + namespace.map(ns -> ns + "/").orElse("") + name
        + unmodelledPeers.map(p -> " (its " + p + " peers)").orElse("") + " (" + apiVersion + ", at " + location + ")";
  }
}
