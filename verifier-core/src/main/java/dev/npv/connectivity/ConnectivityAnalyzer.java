package dev.npv.connectivity;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.Endpoint.PodEndpoint;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Isolation;
import dev.npv.eval.PeerMatrix;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.Rule;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Computes {@code npv connectivity}: what every workload may open to every other workload, and to
 * and from which external address ranges. All decisions come from {@link ReferenceEvaluator}; this
 * class only chooses what to ask and folds the answers.
 *
 * <p>Cost: isolation is computed once per endpoint (not per pair); which endpoints the rules of a
 * side can match is computed once per distinct peer and combined with bit sets ({@link PeerMatrix});
 * only the pairs that both sides admit are evaluated for ports; the external address space is split
 * per workload at the blocks of its own isolating policies only; work runs in parallel.
 */
public final class ConnectivityAnalyzer {
  private final Cluster cluster;
  private final ReferenceEvaluator evaluator;

  public ConnectivityAnalyzer(Cluster cluster, EvaluatorOptions options) {
    this.cluster = cluster;
    this.evaluator = new ReferenceEvaluator(cluster, options);
  }

  /** Every allowed connection. */
  public ConnectivityReport analyze() {
    return analyze(Optional.empty());
  }

  /**
   * The allowed connections, only those involving the workload(s) named {@code focus}
   * ({@code ns/name}) when present.
   *
   * @throws IllegalArgumentException when no workload has that name
   */
  public ConnectivityReport analyze(Optional<String> focus) {
    List<Subject> subjects = cluster.workloads().stream().map(this::subject).toList();
    if (focus.isPresent() && subjects.stream().noneMatch(s -> s.workload.id().equals(focus.get()))) {
      throw new IllegalArgumentException("no workload named " + focus.get());
    }
    Flat flat = new Flat(subjects);
    PeerMatrix egress = PeerMatrix.of(evaluator, Direction.EGRESS, flat.endpoints, flat.isolation);
    PeerMatrix ingress = PeerMatrix.of(evaluator, Direction.INGRESS, flat.endpoints, flat.isolation);
    List<List<ConnectivityLink>> rows = IntStream.range(0, subjects.size()).parallel()
        .mapToObj(i -> row(flat, egress, ingress, i, focus)).toList();
    List<ConnectivityLink> links = new ArrayList<>();
    rows.forEach(links::addAll);
    subjects.parallelStream().filter(s -> focus.isEmpty() || s.workload.id().equals(focus.get()))
        .map(this::externalLinks).toList().forEach(links::addAll);
    return new ConnectivityReport(ImmutableList.copyOf(links), focus);
  }

  /** A workload with its endpoints and their isolation, computed once. */
  private record Subject(Workload workload, ImmutableList<PodEndpoint> endpoints,
                         ImmutableList<Isolation> isolation) {
  }

  private Subject subject(Workload w) {
    ImmutableList<PodEndpoint> eps = Endpoints.of(cluster, w);
    return new Subject(w, eps, eps.stream().map(evaluator::isolation).collect(ImmutableList.toImmutableList()));
  }

  /** Every endpoint of every workload, numbered, with the workload it belongs to. */
  private static final class Flat {
    final List<Subject> subjects;
    final List<PodEndpoint> endpoints = new ArrayList<>();
    final List<Isolation> isolation = new ArrayList<>();
    final int[] firstEndpoint;
    final int[] subjectOf;

    Flat(List<Subject> subjects) {
      this.subjects = subjects;
      firstEndpoint = new int[subjects.size() + 1];
      for (int i = 0; i < subjects.size(); i++) {
        firstEndpoint[i] = endpoints.size();
        endpoints.addAll(subjects.get(i).endpoints);
        isolation.addAll(subjects.get(i).isolation);
      }
      firstEndpoint[subjects.size()] = endpoints.size();
      subjectOf = new int[endpoints.size()];
      for (int i = 0; i < subjects.size(); i++) {
        for (int e = firstEndpoint[i]; e < firstEndpoint[i + 1]; e++) {
          subjectOf[e] = i;
        }
      }
    }
  }

  /**
   * The links from workload {@code i} to every other workload: for each of its endpoints, only the
   * destinations that both the egress and the ingress matrices admit are evaluated.
   */
  private List<ConnectivityLink> row(Flat flat, PeerMatrix egress, PeerMatrix ingress, int i,
                                     Optional<String> focus) {
    Subject src = flat.subjects.get(i);
    boolean srcFocused = focus.isEmpty() || src.workload.id().equals(focus.get());
    Map<Integer, PortSet> byDst = new TreeMap<>();
    for (int a = flat.firstEndpoint[i]; a < flat.firstEndpoint[i + 1]; a++) {
      BitSet dsts = egress.admittedBy(a);
      for (int b = dsts.nextSetBit(0); b >= 0; b = dsts.nextSetBit(b + 1)) {
        int j = flat.subjectOf[b];
        if ((j == i && !replicaPair(src.workload, flat.endpoints.get(a), flat.endpoints.get(b))) || !ingress.admits(b, a)
            || !(srcFocused || flat.subjects.get(j).workload.id().equals(focus.get()))) {
          continue;
        }
        PortSet ports = PortSet.of(evaluator.allowedPorts(flat.endpoints.get(a), flat.isolation.get(a),
            flat.endpoints.get(b), flat.isolation.get(b)));
        if (!ports.isEmpty()) {
          byDst.merge(j, ports, PortSet::union);
        }
      }
    }
    List<ConnectivityLink> out = new ArrayList<>();
    byDst.forEach((j, ports) -> out.add(new ConnectivityLink(ConnectivityNode.of(src.workload),
        ConnectivityNode.of(flat.subjects.get(j).workload), ports)));
    return out;
  }

  /**
   * Whether endpoints {@code a} and {@code b} of one workload stand for two of its replicas: a bare
   * Pod is one pod; two different addresses are two pods; one unknown address (a template) stands for
   * any two replicas. One known address is one pod, which does not talk to itself.
   */
  private static boolean replicaPair(Workload w, PodEndpoint a, PodEndpoint b) {
    return w.kind() != WorkloadKind.Pod && (a != b || a.ip().isEmpty());
  }

  /** The union over all endpoint pairs. */
  private PortSet ports(List<? extends Endpoint> srcs, List<Isolation> srcIso,
                        List<? extends Endpoint> dsts, List<Isolation> dstIso) {
    PortSet out = PortSet.EMPTY;
    for (int a = 0; a < srcs.size(); a++) {
      for (int b = 0; b < dsts.size(); b++) {
        out = out.union(PortSet.of(evaluator.allowedPorts(srcs.get(a), srcIso.get(a), dsts.get(b), dstIso.get(b))));
      }
    }
    return out;
  }

  /** The external ranges {@code s} may reach (egress) and be reached from (ingress). */
  private List<ConnectivityLink> externalLinks(Subject s) {
    List<ConnectivityLink> out = new ArrayList<>();
    ConnectivityNode self = ConnectivityNode.of(s.workload);
    for (Direction d : Direction.values()) {
      List<Cidr> blocks = ipBlockBoundaries(s, d);
      for (boolean v6 : new boolean[] {false, true}) {
        for (Piece piece : merged(s, d, AddressSpace.pieces(v6, blocks))) {
          if (piece.ports.isEmpty()) {
            continue;
          }
          ConnectivityNode ext = ConnectivityNode.of(piece.range);
          out.add(d == Direction.EGRESS ? new ConnectivityLink(self, ext, piece.ports)
              : new ConnectivityLink(ext, self, piece.ports));
        }
      }
    }
    return out;
  }

  private record Piece(AddressRange range, PortSet ports) {
  }

  /** Evaluates one address per piece and merges neighbours with the same answer. */
  private List<Piece> merged(Subject s, Direction d, List<AddressRange> pieces) {
    List<Piece> out = new ArrayList<>();
    ImmutableList<Isolation> none = ImmutableList.of(Isolation.NONE);
    for (AddressRange r : pieces) {
      // A node's address is a piece of its own (see ipBlockBoundaries), so the first address tells.
      List<Endpoint> ext = List.of(new Endpoint.External(r.firstAddress(), cluster.nodeAt(r.firstAddress())));
      PortSet ports = d == Direction.EGRESS ? ports(s.endpoints, s.isolation, ext, none)
          : ports(ext, none, s.endpoints, s.isolation);
      Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.ports.equals(ports)) {
        out.set(out.size() - 1, new Piece(new AddressRange(r.v6(), last.range.first(), r.last()), ports));
      } else {
        out.add(new Piece(r, ports));
      }
    }
    return out;
  }

  /**
   * The ipBlock cidrs and excepts of the policies isolating {@code s} in {@code d}: only their
   * rules are consulted for that side, so the answer is constant between their boundaries.
   * (Splitting at every block of the cluster gives the same merged result, more slowly.)
   */
  private List<Cidr> ipBlockBoundaries(Subject s, Direction d) {
    Set<Cidr> out = new LinkedHashSet<>();
    // Admin policies apply cluster-wide: their networks bound the pieces of every workload.
    cluster.adminPolicies().forEach(p -> p.rules(d).forEach(r -> r.peers().forEach(peer -> out.addAll(boundaries(peer)))));
    for (Isolation iso : s.isolation) {
      for (Policy p : iso.get(d)) {
        for (Rule r : p.rules(d)) {
          r.peers().forEach(peer -> out.addAll(boundaries(peer)));
        }
      }
    }
    return List.copyOf(out);
  }

  /** Where a peer's answer may change along the address space. */
  private List<Cidr> boundaries(Peer peer) {
    return peer.accept(new Peer.Visitor<>() {
      @Override
      public List<Cidr> pods(Peer.Pods pods) {
        return List.of(); // pods, not external addresses
      }

      @Override
      public List<Cidr> addresses(Peer.Addresses a) {
        List<Cidr> out = new ArrayList<>();
        out.add(a.block().cidr());
        out.addAll(a.block().except());
        return out;
      }

      @Override
      public List<Cidr> nodes(Peer.Nodes nodes) { // each node address alone: its labels decide it
        List<Cidr> out = new ArrayList<>();
        cluster.nodes().forEach(n -> n.addresses().forEach(ip -> out.add(Cidr.of(ip + "/" + ip.bits()))));
        return out;
      }
    });
  }
}
