package dev.npv.model;

/**
 * One L3 peer of a Cilium rule ({@code fromEndpoints}/{@code toEndpoints}, {@code fromEntities}/
 * {@code toEntities}, {@code fromCIDR}/{@code fromCIDRSet}/{@code toCIDR}/{@code toCIDRSet},
 * {@code fromNodes}/{@code toNodes}), or a {@link Dynamic} peer whose members are not fixed by the
 * manifests ({@code toServices}, {@code toFQDNs}, {@code toGroups}, CIDR groups). A rule matches a peer
 * when any of its peers does (Cilium aggregates every L3 field of a rule into one list of selectors).
 */
public sealed interface CiliumPeer permits CiliumPeer.Wildcard, CiliumPeer.Endpoints, CiliumPeer.Entity,
    CiliumPeer.Cidr, CiliumPeer.Nodes, CiliumPeer.Dynamic {

  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R wildcard(Wildcard peer);

    R endpoints(Endpoints peer);

    R entity(Entity peer);

    R cidr(Cidr peer);

    R nodes(Nodes peer);

    R dynamic(Dynamic peer);
  }

  /**
   * A rule without any L3 field but with {@code toPorts} or {@code icmps}: every peer ("nil
   * ToEndpoints is implicitly treated as a wildcard selector if ToPorts are also specified").
   */
  record Wildcard() implements CiliumPeer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.wildcard(this);
    }

    @Override
    public String toString() {
      return "any peer";
    }
  }

  /** Pods whose Cilium labels match; namespace scoping already applied by the loader. */
  record Endpoints(CiliumSelector selector) implements CiliumPeer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.endpoints(this);
    }

    @Override
    public String toString() {
      return "endpoints " + selector;
    }
  }

  record Entity(CiliumEntity entity) implements CiliumPeer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.entity(this);
    }

    @Override
    public String toString() {
      return "entity " + entity;
    }
  }

  /**
   * Addresses in a CIDR but none of its excepts. Cilium matches CIDRs only against peers outside the
   * cluster ("Only connections which do *not* originate from the cluster or from the local host are
   * subject to CIDR rules", ingress.go FromCIDR): never a pod or a node.
   */
  record Cidr(IpBlock block) implements CiliumPeer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.cidr(this);
    }

    @Override
    public String toString() {
      return "cidr " + block;
    }
  }

  /** {@code fromNodes}/{@code toNodes}: the nodes whose labels match. */
  record Nodes(LabelSelector selector) implements CiliumPeer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.nodes(this);
    }

    @Override
    public String toString() {
      return "nodes " + selector;
    }
  }

  /**
   * A peer whose members the manifests do not fix: services (their backends), DNS names, cloud groups,
   * CIDR groups. The evaluators treat its match as unknown and over-approximate in the sound
   * direction: an allow may match any peer for a deny question and none for an allow question; a deny
   * the other way round. {@code kind} is the field ({@code toServices}, ...), {@code what} its text.
   */
  record Dynamic(String kind, String what) implements CiliumPeer {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.dynamic(this);
    }

    @Override
    public String toString() {
      return kind + " " + what;
    }
  }
}
