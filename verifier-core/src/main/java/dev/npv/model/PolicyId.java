package dev.npv.model;

/** A namespaced object's identity: {@code namespace/name}. */
public record PolicyId(String namespace, String name) implements Comparable<PolicyId> {
  @Override
  public int compareTo(PolicyId o) {
    int c = namespace.compareTo(o.namespace);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
