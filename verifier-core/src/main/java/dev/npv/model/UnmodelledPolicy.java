package dev.npv.model;

import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * A policy object of a kind npv does not model (a CNI's own: Antrea, Cilium, Calico, ...): it can allow
 * or deny what the modelled policies decide, so every verdict it could reach is untrustworthy.
 * {@code namespace} is set for a namespaced kind, whose policies select only pods of their own
 * namespace; empty for a cluster-wide kind (or one npv cannot place), which can select any endpoint.
 */
public record UnmodelledPolicy(String kind, String apiVersion, Optional<String> namespace, String name,
                               SourceLocation location) {

  public boolean clusterWide() {
    return namespace.isEmpty();
  }

  @Override
  public String toString() {
    return kind + " " + namespace.map(ns -> ns + "/").orElse("") + name + " (" + apiVersion + ", at " + location
        + ")";
  }
}
