package dev.npv.verify;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityLink;
import dev.npv.connectivity.PortSet;
import dev.npv.eval.AddressRules;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.model.PolicyPort;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.smt.DiffAnswer;
import dev.npv.smt.DiffSession;
import dev.npv.smt.SessionOptions;
import dev.npv.smt.SolverAnswer;
import dev.npv.smt.Witness;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two versions of a cluster. Symbolically (one {@link DiffSession}): is there a connection,
 * within each scope, that HEAD allows and BASE denies, or the reverse — over every pod that could exist
 * (open world) or the known workloads (closed)? Concretely: which workload pairs gained, lost or changed
 * ports. With an intended delta, proves nothing outside it changed, or shows the collateral connection.
 */
public final class DiffAnalyzer {
  private final Cluster base;
  private final Cluster head;
  private final SessionOptions options;

  public DiffAnalyzer(Cluster base, Cluster head, SessionOptions options) {
    this.base = base;
    this.head = head;
    this.options = options;
  }

  /**
   * {@code scopes}: the invariants whose from/to/ports bound the question (empty = everything);
   * {@code intended}: the delta the change is meant to make (empty = no collateral check).
   */
  public DiffReport diff(World world, List<Invariant> scopes, List<Invariant> intended) {
    List<Invariant> all = new ArrayList<>(scopes);
    all.addAll(intended);
    ImmutableList.Builder<DiffFinding> findings = ImmutableList.builder();
    ImmutableList.Builder<DiffFinding> collateral = ImmutableList.builder();
    try (DiffSession session = new DiffSession(base, head, all, options)) {
      if (scopes.isEmpty()) {
        for (boolean opened : List.of(true, false)) {
          findings.add(finding(session, "everything", EndpointSet.ANY, EndpointSet.ANY, List.of(), world, opened,
              List.of()));
        }
      }
      for (Invariant scope : scopes) {
        for (boolean opened : List.of(true, false)) {
          findings.add(finding(session, scope.name(), scope.from(), scope.to(), scope.ports(), world, opened,
              List.of()));
        }
      }
      if (!intended.isEmpty()) {
        for (boolean opened : List.of(true, false)) {
          collateral.add(finding(session, "outside the intended change", EndpointSet.ANY, EndpointSet.ANY, List.of(),
              world, opened, intended));
        }
      }
    }
    return new DiffReport(findings.build(), collateral.build(), !intended.isEmpty(), !scopes.isEmpty(),
        connectionChanges(),
        workloads(head, base), workloads(base, head));
  }

  private DiffFinding finding(DiffSession session, String scope, EndpointSet from, EndpointSet to,
                              List<PolicyPort> ports, World world, boolean opened, List<Invariant> except) {
    DiffAnswer a = session.search(from, to, ports, world, opened, except);
    if (a.outcome() == SolverAnswer.Outcome.NONE) {
      // "No change" is only as good as the policies npv sees in both versions.
      Optional<String> doubt = UnmodelledPolicyGuard.doubt(base, world, from, to)
          .or(() -> UnmodelledPolicyGuard.doubt(head, world, from, to));
      return doubt.map(d -> new DiffFinding(scope, opened, DiffFinding.Status.UNKNOWN, Optional.empty(), d))
          .orElse(new DiffFinding(scope, opened, DiffFinding.Status.NONE, Optional.empty(), ""));
    }
    if (a.outcome() == SolverAnswer.Outcome.UNKNOWN) {
      return new DiffFinding(scope, opened, DiffFinding.Status.UNKNOWN, Optional.empty(), a.reason());
    }
    Witness h = a.head().orElseThrow();
    boolean inScope = SpecMatcher.member(from, h.connection().src(), h.source())
        && SpecMatcher.member(to, h.connection().dst(), h.destination())
        && ReferenceEvaluator.portEntries(ports, h.connection().dst(), h.connection().protocol())
            .contains(h.connection().port());
    if (!inScope) {
      throw new InternalVerificationError("diff witness " + h.connection() + " lies outside its scope '" + scope + "'");
    }
    Counterexample before = confirm(base, a.base().orElseThrow(), !opened, "BASE");
    Counterexample after = confirm(head, a.head().orElseThrow(), opened, "HEAD");
    return new DiffFinding(scope, opened, DiffFinding.Status.FOUND, Optional.of(new DiffWitness(before, after)), "");
  }

  /** Each version's evaluator must agree with the solver's view of that version. */
  private Counterexample confirm(Cluster version, Witness w, boolean expectAllowed, String name) {
    ConnectionDecision d = new ReferenceEvaluator(version, options.semantics()).decide(w.connection());
    if (d.allowed() != expectAllowed) {
      throw new InternalVerificationError("encoder and reference evaluator disagree on " + name + ": diff witness "
          + w.connection() + " should be " + (expectAllowed ? "allowed" : "denied") + " there");
    }
    return new Counterexamples(version, AddressRules.of(version, options.semantics())).of(w, d);
  }

  /** Workload pairs whose allowed ports differ between the versions, from each version's connectivity. */
  private ImmutableList<WorkloadChange> connectionChanges() {
    Map<String, ConnectivityLink> before = links(base);
    Map<String, ConnectivityLink> after = links(head);
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    ImmutableList.Builder<WorkloadChange> out = ImmutableList.builder();
    for (String k : keys) {
      ConnectivityLink b = before.get(k);
      ConnectivityLink h = after.get(k);
      Optional<String> bt = Optional.ofNullable(b).map(l -> l.ports().compact());
      Optional<String> ht = Optional.ofNullable(h).map(l -> l.ports().compact());
      if (bt.equals(ht)) {
        continue;
      }
      ConnectivityLink any = h != null ? h : b;
      boolean opens = h != null && !contains(b == null ? PortSet.EMPTY : b.ports(), h.ports());
      out.add(new WorkloadChange(any.src().name(), any.src().kind(), any.dst().name(), any.dst().kind(), bt, ht,
          opens));
    }
    return out.build();
  }

  private static boolean contains(PortSet outer, PortSet inner) {
    for (Map.Entry<Protocol, ImmutableRangeSet<Integer>> e : inner.byProtocol().entrySet()) {
      ImmutableRangeSet<Integer> o = outer.byProtocol().getOrDefault(e.getKey(), ImmutableRangeSet.of());
      for (Range<Integer> r : e.getValue().asRanges()) {
        if (!o.encloses(r)) {
          return false;
        }
      }
    }
    return true;
  }

  private Map<String, ConnectivityLink> links(Cluster c) {
    Map<String, ConnectivityLink> out = new TreeMap<>();
    for (ConnectivityLink l : new ConnectivityAnalyzer(c, options.semantics()).analyze().links()) {
      out.put(l.src().label() + " -> " + l.dst().label(), l);
    }
    return out;
  }

  /** Workloads of {@code a} that {@code b} lacks, as {@code ns/name (Kind)}. */
  private static ImmutableList<String> workloads(Cluster a, Cluster b) {
    TreeSet<String> out = new TreeSet<>();
    for (Workload w : a.workloads()) {
      if (b.workloads().stream().noneMatch(x -> x.id().equals(w.id()) && x.kind() == w.kind())) {
        out.add(w.id() + " (" + w.kind() + ")");
      }
    }
    return ImmutableList.copyOf(out);
  }
}
