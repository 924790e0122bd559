package dev.npv.smt;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import dev.npv.model.CiliumEntity;
import dev.npv.model.CiliumPeer;
import dev.npv.model.CiliumPeerRule;
import dev.npv.model.CiliumPolicy;
import dev.npv.model.CiliumPort;
import dev.npv.model.CiliumPortRule;
import dev.npv.model.CiliumRule;
import dev.npv.model.CiliumSelector;
import dev.npv.model.CiliumSubject;
import dev.npv.model.Direction;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Cilium's policies over symbolic endpoints, written from Cilium's documentation (language.rst,
 * intro.rst, pkg/policy/api), the twin of the reference evaluator's Cilium decision. A three-valued
 * match is a pair of formulas ({@link Tri}): {@code may} (it can hold) and {@code must} (it surely
 * holds), with {@code must} implying {@code may}; dynamic peers, entities npv cannot place, service
 * accounts and allows for some requests only are {@code may} without {@code must}.
 *
 * <p>Endpoints: a pod-network pod ({@code governed}) is a Cilium endpoint whose Cilium labels are its
 * namespace's name and labels and its pod labels; a hostNetwork pod and a node's address are host
 * identities; an external address of no node is the world. Confined to its session.
 */
final class CiliumEncoder {
  /** A three-valued formula: may (over-approximation) and must (under-approximation). */
  record Tri(BoolExpr may, BoolExpr must) {
  }

  private final Context ctx;
  private final Universe u;
  private final ConnectionEncoder enc;

  CiliumEncoder(Context ctx, Universe u, ConnectionEncoder enc) {
    this.ctx = ctx;
    this.u = u;
    this.enc = enc;
  }

  Tri yes() {
    return new Tri(ctx.mkTrue(), ctx.mkTrue());
  }

  Tri no() {
    return new Tri(ctx.mkFalse(), ctx.mkFalse());
  }

  Tri exact(BoolExpr b) {
    return new Tri(b, b);
  }

  Tri and(Tri a, Tri b) {
    return new Tri(ctx.mkAnd(a.may(), b.may()), ctx.mkAnd(a.must(), b.must()));
  }

  Tri or(Tri a, Tri b) {
    return new Tri(ctx.mkOr(a.may(), b.may()), ctx.mkOr(a.must(), b.must()));
  }

  Tri not(Tri a) {
    return new Tri(ctx.mkNot(a.must()), ctx.mkNot(a.may()));
  }

  /** At most "may": what holds for some requests only. */
  Tri weakened(Tri a) {
    return new Tri(a.may(), ctx.mkFalse());
  }

  /**
   * The side's verdict: {@code self} is the source for egress and the destination for ingress. With
   * the endpoint's NetworkPolicies ({@code npIsolates}, {@code npAllows}): allowed when not isolated
   * (by a NetworkPolicy or a default-deny Cilium rule) or admitted by some allow, and no deny matches.
   */
  Tri side(Direction d, SymbolicEndpoint self, SymbolicEndpoint peer, SymbolicEndpoint destination, IntExpr protocol,
           BitVecExpr port, BoolExpr npIsolates, BoolExpr npAllows) {
    Tri defaultDeny = no();
    Tri allowed = no();
    Tri denied = no();
    for (CiliumPolicy p : u.cluster.ciliumPolicies()) {
      for (CiliumRule r : p.rules()) {
        if (!r.hasRules(d) && !r.defaultDeny(d)) {
          continue;
        }
        Tri selects = selects(r.subject(), self);
        if (r.defaultDeny(d)) {
          defaultDeny = or(defaultDeny, selects);
        }
        for (CiliumPeerRule e : r.denies(d)) {
          denied = or(denied, and(selects, entry(e, peer, destination, protocol, port)));
        }
        for (CiliumPeerRule e : r.allows(d)) {
          allowed = or(allowed, and(selects, entry(e, peer, destination, protocol, port)));
        }
      }
    }
    Tri isolated = or(exact(npIsolates), defaultDeny);
    Tri admitted = or(or(not(isolated), exact(npAllows)), allowed);
    return and(admitted, not(denied));
  }

  /** A rule's subject: pod-network pods its endpointSelector matches; a host policy, the host identities (unknown). */
  Tri selects(CiliumSubject subject, SymbolicEndpoint self) {
    if (subject instanceof CiliumSubject.Nodes) {
      return new Tri(ctx.mkOr(self.node, ctx.mkAnd(ctx.mkNot(self.ext), enc.hostNetwork(self))), ctx.mkFalse());
    }
    return endpoints(((CiliumSubject.Endpoints) subject).selector(), self);
  }

  /** A pod-network pod whose Cilium labels the selector matches (service-account requirements unknown). */
  Tri endpoints(CiliumSelector sel, SymbolicEndpoint e) {
    BoolExpr labels = ctx.mkAnd(enc.governed(e), enc.selector(sel.namespacePart(), e.nsLabels, u.namespaceLabels),
        enc.selector(sel.podPart(), e.podLabels, u.podLabels));
    return sel.usesServiceAccount() ? new Tri(labels, ctx.mkFalse()) : exact(labels);
  }

  Tri entry(CiliumPeerRule e, SymbolicEndpoint peer, SymbolicEndpoint destination, IntExpr protocol, BitVecExpr port) {
    Tri l3 = no();
    for (CiliumPeer p : e.peers()) {
      l3 = or(l3, peer(p, peer));
    }
    Tri l4 = e.allL4() ? yes() : no();
    for (CiliumPortRule pr : e.toPorts()) {
      Tri m = exact(ports(pr, destination, protocol, port));
      l4 = or(l4, pr.l7().isPresent() ? weakened(m) : m);
    }
    Tri match = and(l3, l4);
    return e.authentication().isPresent() ? weakened(match) : match;
  }

  Tri peer(CiliumPeer p, SymbolicEndpoint e) {
    BoolExpr world = ctx.mkAnd(e.ext, ctx.mkNot(e.node));
    BoolExpr hostNetworkPod = ctx.mkAnd(ctx.mkNot(e.ext), enc.hostNetwork(e));
    return p.accept(new CiliumPeer.Visitor<Tri>() {
      @Override
      public Tri wildcard(CiliumPeer.Wildcard w) {
        return yes();
      }

      @Override
      public Tri endpoints(CiliumPeer.Endpoints x) {
        return CiliumEncoder.this.endpoints(x.selector(), e);
      }

      @Override
      public Tri entity(CiliumPeer.Entity x) {
        return CiliumEncoder.this.entity(x.entity(), e, world, hostNetworkPod);
      }

      @Override
      public Tri cidr(CiliumPeer.Cidr x) {
        return exact(ctx.mkAnd(world, enc.inBlock(e, x.block())));
      }

      @Override
      public Tri nodes(CiliumPeer.Nodes x) {
        return new Tri(ctx.mkOr(enc.node(x.selector(), e), hostNetworkPod), enc.node(x.selector(), e));
      }

      @Override
      public Tri dynamic(CiliumPeer.Dynamic x) {
        return new Tri(ctx.mkTrue(), ctx.mkFalse());
      }
    });
  }

  Tri entity(CiliumEntity entity, SymbolicEndpoint e, BoolExpr world, BoolExpr hostNetworkPod) {
    BoolExpr hostLike = ctx.mkOr(e.node, hostNetworkPod);
    return switch (entity) {
      case ALL -> yes();
      case WORLD -> exact(world);
      case WORLD_IPV4 -> exact(ctx.mkAnd(world, ctx.mkNot(e.v6)));
      case WORLD_IPV6 -> exact(ctx.mkAnd(world, e.v6));
      case CLUSTER -> exact(ctx.mkNot(world));
      case HOST, REMOTE_NODE -> new Tri(hostLike, ctx.mkFalse());
      case KUBE_APISERVER -> new Tri(ctx.mkOr(e.ext, hostNetworkPod), ctx.mkFalse());
      case HEALTH, INIT, UNMANAGED, INGRESS, NONE -> no();
    };
  }

  /** Some port of the entry admits the connection; an empty list admits every port of every protocol. */
  BoolExpr ports(CiliumPortRule pr, SymbolicEndpoint destination, IntExpr protocol, BitVecExpr port) {
    if (pr.allPorts()) {
      return ctx.mkTrue();
    }
    List<BoolExpr> out = new ArrayList<>();
    for (CiliumPort p : pr.ports()) {
      for (Protocol transport : p.protocol().transports()) {
        BoolExpr proto = SymbolicConnection.protocolIs(ctx, protocol, transport);
        if (p.spec() instanceof PortSpec.AnyPort) {
          out.add(proto);
        } else if (p.spec() instanceof PortSpec.Range r) {
          out.add(ctx.mkAnd(proto, ctx.mkBVUGE(port, ctx.mkBV(r.first(), 16)), ctx.mkBVULE(port, ctx.mkBV(r.last(), 16))));
        } else if (p.spec() instanceof PortSpec.Named n) {
          out.add(ctx.mkAnd(proto, enc.namedPort(destination, n.name(), transport, port)));
        }
      }
    }
    return enc.or(out);
  }
}
