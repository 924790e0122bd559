package dev.npv.verify;

import com.google.common.collect.ImmutableSortedMap;
import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.model.Cluster;
import dev.npv.model.ContainerPort;
import dev.npv.model.IpAddress;
import dev.npv.model.Namespace;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.smt.Witness;
import dev.npv.spec.Invariant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An open-world witness made familiar: each new (hypothetical) pod is replaced by the first known
 * workload that makes the same point, so a report names {@code shop/frontend} rather than "a new pod"
 * whenever an existing workload already breaks the invariant. The solver's open world only knows new
 * pods (known workloads are among them), so this choice is made here, concretely: a candidate is kept
 * only when the reference evaluator decides its connection as the witness's and it lies in the
 * invariant's scope. Candidates are tried in a fixed order (the end's own namespace first, then by
 * name; at most {@link #MAX_TRIES} evaluated per end), so the result depends only on the witness. The
 * verdict never depends on this step.
 */
final class FamiliarWitness {
  private final Cluster cluster;
  private final Function<Connection, ConnectionDecision> oracle;
  private final List<Workload> candidates;
  private final Map<String, List<Workload>> byNamespace;
  /** Oracle calls per end at most: a wide scope over a large cluster must not cost more than the proof. */
  static final int MAX_TRIES = 256;

  FamiliarWitness(Cluster cluster, Function<Connection, ConnectionDecision> oracle) {
    this.cluster = cluster;
    this.oracle = oracle;
    // hostNetwork pods are left out: no policy governs them, which makes a poor example of one that fails.
    this.candidates = cluster.workloads().stream().filter(w -> !w.hostNetwork()).sorted().toList();
    this.byNamespace = candidates.stream().collect(Collectors.groupingBy(Workload::namespace));
  }

  /** The witness with its new pods replaced where a known workload does the same; else unchanged. */
  Witness familiarize(Invariant inv, Witness w, boolean expectAllowed) {
    Witness out = w;
    if (out.source().hypothetical()) {
      out = replace(inv, out, expectAllowed, true);
    }
    if (out.destination().hypothetical()) {
      out = replace(inv, out, expectAllowed, false);
    }
    return out;
  }

  private Witness replace(Invariant inv, Witness w, boolean expectAllowed, boolean source) {
    Endpoint.PodEndpoint end = (Endpoint.PodEndpoint) (source ? w.connection().src() : w.connection().dst());
    List<Workload> ordered = new ArrayList<>(byNamespace.getOrDefault(end.namespace(), List.of()));
    candidates.stream().filter(x -> !x.namespace().equals(end.namespace())).forEach(ordered::add);
    int tries = 0;
    for (Workload candidate : ordered) {
      Endpoint.PodEndpoint pod = endpoint(candidate, w, end);
      Witness.EndProvenance known = new Witness.EndProvenance(Optional.of(candidate.id()), false, false);
      // Cheap first: the candidate must lie in the invariant's set for this end.
      if (!SpecMatcher.member(source ? inv.from() : inv.to(), pod, known)) {
        continue;
      }
      if (tries++ >= MAX_TRIES) {
        break;
      }
      for (int port : ports(w, source ? Optional.empty() : Optional.of(candidate))) {
        Connection c = source
            ? new Connection(pod, w.connection().dst(), w.connection().protocol(), port)
            : new Connection(w.connection().src(), pod, w.connection().protocol(), port);
        Witness next = source ? new Witness(c, known, w.destination()) : new Witness(c, w.source(), known);
        if (!sameBareAsOther(candidate, next) && oracle.apply(c).allowed() == expectAllowed
            && SpecMatcher.covers(inv, next)) {
          return next;
        }
      }
    }
    return w;
  }

  /** The witness's port first; for a new destination, also the candidate's own ports of that protocol. */
  private static Set<Integer> ports(Witness w, Optional<Workload> destination) {
    Set<Integer> out = new LinkedHashSet<>();
    out.add(w.connection().port());
    destination.ifPresent(d -> d.ports().stream().filter(p -> p.protocol() == w.connection().protocol())
        .map(ContainerPort::port).sorted().forEach(out::add));
    return out;
  }

  /** A bare Pod is one pod: it cannot be both ends of a connection. */
  private static boolean sameBareAsOther(Workload candidate, Witness next) {
    return candidate.kind() == WorkloadKind.Pod
        && next.source().workload().equals(next.destination().workload());
  }

  /**
   * The candidate as a pod at the witness's address (a controller's pods may get any address; a bare
   * Pod keeps its own), in its namespace as the witness sees it: one namespace has one set of labels,
   * so if an end of the witness is already in that namespace, its labels are the ones to keep.
   */
  private Endpoint.PodEndpoint endpoint(Workload w, Witness witness, Endpoint.PodEndpoint replaced) {
    ImmutableSortedMap<String, String> nsLabels = namespaceLabels(w.namespace(), witness);
    Optional<IpAddress> ip = w.kind() == WorkloadKind.Pod && !w.podIps().isEmpty()
        ? Optional.of(w.podIps().get(0)) : replaced.ip();
    return new Endpoint.PodEndpoint(w.namespace(), nsLabels, w.labels(), w.ports(), ip, w.hostNetwork(), w.id());
  }

  private ImmutableSortedMap<String, String> namespaceLabels(String namespace, Witness witness) {
    for (Endpoint e : List.of(witness.connection().src(), witness.connection().dst())) {
      if (e instanceof Endpoint.PodEndpoint p && p.namespace().equals(namespace)) {
        return p.namespaceLabels();
      }
    }
    return cluster.namespace(namespace).map(Namespace::labels)
        .orElse(ImmutableSortedMap.of(Namespace.NAME_LABEL, namespace));
  }
}
