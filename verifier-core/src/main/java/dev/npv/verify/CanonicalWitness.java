package dev.npv.verify;

import com.google.common.collect.BoundType;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import dev.npv.connectivity.AddressRange;
import dev.npv.connectivity.AddressSpace;
import dev.npv.eval.AddressRules;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.smt.Witness;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A witness in a normal form that does not depend on the solver's choices where they do not matter:
 * the first protocol (TCP, UDP, SCTP) and the lowest port that make the same point, and for a pod
 * whose address is free (a new pod, or a workload whose address the world leaves open) the first
 * address of the first address piece (cut at every ipBlock and pod-network boundary) that does, among
 * the addresses such a pod may have ({@link dev.npv.eval.AddressRules}: none a known pod or node holds,
 * inside the pod network when it is stated). The solver's model
 * can vary with its internal state; with this, a report names the same connection from run to run in
 * most cases, and a port or address a reader can check at a glance. Decided by the reference
 * evaluator; the verdict never depends on it.
 */
final class CanonicalWitness {
  private static final RangeSet<Integer> ALL_PORTS = TreeRangeSet.create(List.of(Range.closed(1, 65535)));

  private final Cluster cluster;
  private final ReferenceEvaluator evaluator;
  /** First addresses of the pieces, each one a pod whose address the manifests do not give may have. */
  private final ImmutableList<IpAddress> addresses;
  private final AddressRules rules;

  CanonicalWitness(Cluster cluster, ReferenceEvaluator evaluator, List<Invariant> invariants) {
    this.cluster = cluster;
    this.evaluator = evaluator;
    this.rules = evaluator.addressRules();
    Set<Cidr> blocks = new HashSet<>(AddressBlocks.of(cluster, invariants));
    blocks.addAll(rules.podNetwork()); // where a pod of unknown address may be, and an external may not
    List<IpAddress> out = new ArrayList<>();
    for (boolean v6 : new boolean[] {false, true}) {
      for (AddressRange piece : AddressSpace.pieces(v6, blocks)) {
        firstFree(piece).filter(rules::podMayHave).ifPresent(out::add);
      }
    }
    this.addresses = ImmutableList.copyOf(out);
  }

  /** The first address of the piece that no known pod or node holds (a few tried; held ones are few). */
  private Optional<IpAddress> firstFree(AddressRange piece) {
    BigInteger a = piece.first();
    for (int i = 0; i < 4 && a.compareTo(piece.last()) <= 0; i++, a = a.add(BigInteger.ONE)) {
      IpAddress ip = new IpAddress(piece.v6(), a);
      if (!rules.held().contains(ip)) {
        return Optional.of(ip);
      }
    }
    return Optional.empty();
  }

  /**
   * For a pod end whose address the manifests do not give: whether the witness's verdict depends on
   * it (some address the pod may have breaks it, or takes it out of scope). Empty when the address
   * is given (or the end is an address).
   */
  Optional<Boolean> addressMatters(Invariant inv, Witness w, boolean expectAllowed, World world, boolean source) {
    Endpoint e = source ? w.connection().src() : w.connection().dst();
    Witness.EndProvenance p = source ? w.source() : w.destination();
    if (!(e instanceof Endpoint.PodEndpoint pod) || !addressFree(p, pod, world)) {
      return Optional.empty();
    }
    if (pod.hostNetwork()) {
      return Optional.of(true); // its node's address: shown, with the rule
    }
    // Within the witness's address family: a connection uses one family on both ends.
    boolean v6 = pod.ip().map(IpAddress::v6).orElse(false);
    for (IpAddress ip : addresses) {
      if (ip.v6() == v6 && !keeps(inv, moved(w, pod, ip, source), expectAllowed)) {
        return Optional.of(true);
      }
    }
    return Optional.of(false);
  }

  private static Witness moved(Witness w, Endpoint.PodEndpoint pod, IpAddress ip, boolean source) {
    Endpoint.PodEndpoint at = pod.at(Optional.of(ip), Optional.empty());
    Connection c = w.connection();
    Connection next = source ? new Connection(at, c.dst(), c.protocol(), c.port())
        : new Connection(c.src(), at, c.protocol(), c.port());
    return new Witness(next, w.source(), w.destination());
  }

  Witness canonical(Invariant inv, Witness w, boolean expectAllowed, World world) {
    Witness out = port(inv, w, expectAllowed);
    out = address(inv, out, expectAllowed, world, true);
    return address(inv, out, expectAllowed, world, false);
  }

  /** The first protocol, and its lowest port, on which the ends make the same point. */
  private Witness port(Invariant inv, Witness w, boolean expectAllowed) {
    Connection c = w.connection();
    for (Protocol p : Protocol.values()) {
      RangeSet<Integer> same = TreeRangeSet.create(evaluator.allowedPorts(c.src(), c.dst(), p));
      if (!expectAllowed) {
        same = TreeRangeSet.create(same.complement().subRangeSet(Range.closed(1, 65535)));
      }
      same.removeAll(ReferenceEvaluator.portEntries(inv.ports(), c.dst(), p).complement());
      same.removeAll(ALL_PORTS.complement());
      if (!same.isEmpty()) {
        Range<Integer> first = same.asRanges().iterator().next();
        int port = first.lowerBoundType() == BoundType.CLOSED
            ? first.lowerEndpoint() : first.lowerEndpoint() + 1;
        Witness next = new Witness(new Connection(c.src(), c.dst(), p, port), w.source(), w.destination());
        if (keeps(inv, next, expectAllowed)) {
          return next;
        }
      }
    }
    return w;
  }

  /** A pod end whose address is free gets the first candidate address that makes the same point. */
  private Witness address(Invariant inv, Witness w, boolean expectAllowed, World world, boolean source) {
    Endpoint e = source ? w.connection().src() : w.connection().dst();
    Witness.EndProvenance p = source ? w.source() : w.destination();
    if (!(e instanceof Endpoint.PodEndpoint pod) || !addressFree(p, pod, world) || pod.hostNetwork()) {
      return w; // a hostNetwork pod has its node's address: the solver's choice of node stays
    }
    for (IpAddress ip : addresses) {
      Witness candidate = moved(w, pod, ip, source);
      if (keeps(inv, candidate, expectAllowed)) {
        return candidate;
      }
    }
    return w;
  }

  /**
   * A new pod may have any address; a known workload's is pinned by a bare Pod's IPs (in both worlds)
   * and a controller's snapshot IPs (in the closed world only), as in the encoding.
   */
  private boolean addressFree(Witness.EndProvenance p, Endpoint.PodEndpoint pod, World world) {
    if (p.workload().isEmpty()) {
      return true;
    }
    // The pod's own group: a rollout's groups share the name, and each has its own addresses.
    String id = p.workload().get();
    Optional<Workload> w = cluster.workloads().stream().filter(x -> x.id().equals(id)
        && x.namespace().equals(pod.namespace()) && x.labels().equals(pod.labels())).findFirst();
    if (w.isEmpty() || w.get().podIps().isEmpty()) {
      return w.isPresent();
    }
    return world == World.OPEN && w.get().kind() != WorkloadKind.Pod;
  }

  private boolean keeps(Invariant inv, Witness w, boolean expectAllowed) {
    return evaluator.decide(w.connection()).allowed() == expectAllowed && SpecMatcher.covers(inv, w);
  }
}
