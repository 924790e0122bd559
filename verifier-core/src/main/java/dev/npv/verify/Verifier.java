package dev.npv.verify;

import com.google.common.base.Stopwatch;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.AdminRuleRef;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.Endpoint;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.eval.SideDecision;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import dev.npv.model.Policy;
import dev.npv.model.PolicyId;
import dev.npv.smt.SolverAnswer;
import dev.npv.smt.SolverSession;
import dev.npv.smt.Witness;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks invariant sets against a cluster. Verdicts follow the solver only: PROVEN when the query
 * for a breaking connection is unsat (for allowSome: when an allowed example is found and re-checked),
 * VIOLATED with a witness the reference evaluator confirms, UNKNOWN when the solver cannot decide.
 * Each worker's {@link SolverSession} serves its share of the invariants (incremental solving).
 */
public final class Verifier {
  private final Cluster cluster;
  private final VerifyOptions options;
  private final Oracle oracle;
  private final FamiliarWitness familiar;
  /** Set by each {@link #verify} (it knows the invariants' address blocks). */
  private volatile CanonicalWitness canonical;
  /** The sessions of the running {@link #verify}, for {@link #interrupt} from another thread (Ctrl-C). */
  private final List<SolverSession> running = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean interrupted;
  /** How many invariants of the running {@link #verify} have been started, for progress reports. */
  private final AtomicInteger started = new AtomicInteger();

  /** How a witness is re-checked; package-private so tests can force a disagreement (never production). */
  @FunctionalInterface
  interface Oracle {
    ConnectionDecision decide(dev.npv.eval.Connection c);
  }

  public Verifier(Cluster cluster, VerifyOptions options) {
    this(cluster, options, new ReferenceEvaluator(cluster, options.session().semantics())::decide);
  }

  Verifier(Cluster cluster, VerifyOptions options, Oracle oracle) {
    this.cluster = cluster;
    this.options = options;
    this.oracle = oracle;
    this.familiar = new FamiliarWitness(cluster, oracle::decide);
  }

  /**
   * Stops a running {@link #verify} from another thread (a shutdown hook on Ctrl-C): the query in
   * progress and every later one answer UNKNOWN, so verify returns promptly with no false verdict.
   */
  public void interrupt() {
    interrupted = true;
    running.forEach(SolverSession::interrupt);
  }

  /** Told before each invariant is checked: how many are done, how many in all, and the next name. */
  public interface Progress {
    void starting(int done, int total, String name);
  }

  private Progress progress = (done, total, name) -> { };

  /** Reports progress to {@code listener} (e.g. a counter on a terminal); returns this verifier. */
  public Verifier onProgress(Progress listener) {
    this.progress = listener;
    return this;
  }

  public VerificationReport verify(List<InvariantSet> sets) throws InvalidInputException {
    Diagnostics diags = new Diagnostics();
    resolveReferences(sets, diags);
    warnEmptyNamespaces(sets, diags);
    if (diags.hasErrors()) {
      throw new InvalidInputException(diags.sorted());
    }
    List<Invariant> all = sets.stream().flatMap(s -> s.invariants().stream()).toList();
    canonical = new CanonicalWitness(cluster, new ReferenceEvaluator(cluster, options.session().semantics()), all);
    List<Task> tasks = new ArrayList<>();
    for (InvariantSet set : sets) {
      World world = options.worldOverride().orElse(set.world());
      set.invariants().forEach(inv -> tasks.add(new Task(set.name(), inv, world)));
    }
    CheckResult[] results = new CheckResult[tasks.size()];
    started.set(0);
    int workers = workers(tasks.size());
    AtomicInteger next = new AtomicInteger();
    if (workers <= 1) {
      runWorker(all, tasks, next, results);
    } else {
      runInParallel(all, tasks, workers, next, results);
    }
    return new VerificationReport(UnmodelledPolicyGuard.qualify(cluster,
        tasks.stream().map(Task::invariant).toList(), results), diags.sorted());
  }

  /** One invariant to check: where it comes from and the world it is checked in. */
  private record Task(String specName, Invariant invariant, World world) {
  }

  /**
   * How many sessions check at once: {@link VerifyOptions#jobs()}, but no more than there are
   * batches of {@link #INVARIANTS_PER_SESSION}.
   */
  private int workers(int invariants) {
    return Math.max(1, Math.min(options.jobs(), batches(invariants)));
  }

  private static int batches(int invariants) {
    return (invariants + INVARIANTS_PER_SESSION - 1) / INVARIANTS_PER_SESSION;
  }

  /**
   * Invariants are checked in fixed batches of this many, each batch in a fresh session (its own Z3
   * context), in order. Which counterexample a solver picks can depend on what it was asked before,
   * so fixed batches keep that history the same whatever the number of workers and whichever worker
   * takes a batch (Z3's own state can still vary it; verdicts never vary); within a batch, the
   * session's incremental solving pays off.
   */
  static final int INVARIANTS_PER_SESSION = 16;

  /**
   * A worker takes the next unchecked batch until none is left. Invariants differ widely in cost,
   * so taking batches as they come keeps all cores busy.
   */
  private void runWorker(List<Invariant> all, List<Task> tasks, AtomicInteger next, CheckResult[] results) {
    for (int b = next.getAndIncrement(); b < batches(tasks.size()); b = next.getAndIncrement()) {
      runBatch(all, tasks, b * INVARIANTS_PER_SESSION,
          Math.min(tasks.size(), (b + 1) * INVARIANTS_PER_SESSION), results);
    }
  }

  private void runBatch(List<Invariant> all, List<Task> tasks, int from, int to, CheckResult[] results) {
    // Every session's universe is built from all invariants: the same domains, the same semantics.
    try (SolverSession session = new SolverSession(cluster, all, options.session())) {
      running.add(session);
      try {
        if (interrupted) {
          session.interrupt(); // interrupted while encoding: the queries must not run
        }
        for (int i = from; i < to; i++) {
          Task t = tasks.get(i);
          progress(started.getAndIncrement(), tasks.size(), t.invariant().name());
          results[i] = interrupted ? interruptedResult(t.specName(), t.invariant(), t.world())
              : check(session, t.specName(), t.invariant(), t.world());
        }
      } finally {
        running.remove(session);
      }
    }
  }

  private void runInParallel(List<Invariant> all, List<Task> tasks, int workers, AtomicInteger next,
                             CheckResult[] results) {
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "npv-check");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int k = 0; k < workers; k++) {
        futures.add(pool.submit(() -> runWorker(all, tasks, next, results)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      interrupt();
      Thread.currentThread().interrupt();
      throw new InternalVerificationError("interrupted while waiting for the checking workers");
    } catch (ExecutionException e) {
      // A worker's failure (a disagreement, an internal error) is the run's, as in a sequential run;
      // the other workers stop at once (their results are not reported).
      interrupt();
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new InternalVerificationError("a checking worker failed: " + e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private synchronized void progress(int done, int total, String name) {
    progress.starting(done, total, name);
  }

  private CheckResult check(SolverSession session, String specName, Invariant inv, World world) {
    Stopwatch sw = Stopwatch.createStarted();
    List<String> warnings = new ArrayList<>();
    boolean searchAllowed = inv.expect() != Expect.ALLOW;
    SolverAnswer a = session.search(inv, world, searchAllowed);
    long searchMillis = sw.elapsed(TimeUnit.MILLISECONDS);
    // A witness lies in both sets, so only an answer without one can hide an empty scope.
    if (a.outcome() != SolverAnswer.Outcome.FOUND) {
      vacuity(session, inv, world, warnings);
    }
    Verdict verdict;
    Optional<Counterexample> cex = Optional.empty();
    String reason = "";
    switch (a.outcome()) {
      case UNKNOWN -> {
        verdict = Verdict.UNKNOWN;
        reason = "solver could not decide (" + a.reason() + "; a timeout or --rlimit stops it this way)";
      }
      case NONE -> verdict = inv.expect() == Expect.ALLOW_SOME ? Verdict.VIOLATED : Verdict.PROVEN;
      case FOUND -> {
        Witness found = a.witness().orElseThrow();
        confirm(inv, found, searchAllowed);
        // The open world's solver sees known workloads as new pods; name a known one where one fits.
        Witness w = world == World.OPEN ? familiar.familiarize(inv, found, searchAllowed) : found;
        if (world == World.OPEN && inv.expect() == Expect.ALLOW_SOME
            && (w.source().hypothetical() || w.destination().hypothetical())) {
          // An example of allowed traffic is most telling between existing workloads: no single one
          // stood in, perhaps a pair does (a closed-world search; for violations a new pod is a fine
          // counterexample, and the extra query would cost every one of them).
          Optional<Witness> known = session.searchAmongKnown(inv, searchAllowed).flatMap(SolverAnswer::witness);
          if (known.isPresent()) {
            confirm(inv, known.get(), searchAllowed);
            w = known.get();
          }
        }
        w = canonical.canonical(inv, w, searchAllowed, world);
        cex = Optional.of(counterexample(w, oracle.decide(w.connection())));
        verdict = inv.expect() == Expect.ALLOW_SOME ? Verdict.PROVEN : Verdict.VIOLATED;
        if (inv.expect() == Expect.ALLOW_SOME && (w.source().hypothetical() || w.destination().hypothetical())) {
          warnings.add("the example connection involves a pod that does not exist yet; use --world closed to"
              + " require existing workloads");
        }
      }
      default -> throw new IllegalStateException();
    }
    if (a.outcome() == SolverAnswer.Outcome.NONE && inv.expect() == Expect.ALLOW_SOME) {
      reason = "no connection from 'from' to 'to' on these ports is allowed";
    }
    CheckResult result = new CheckResult(specName, inv.name(), inv.expect(), world, verdict, inv.expectedIn(world),
        sw.elapsed(TimeUnit.MILLISECONDS), cex, reason, ImmutableList.copyOf(warnings), a.stats().rlimit(),
        inv.location()).withCost(new CheckResult.SolverCost(a.stats().encodeMillis(),
        Math.max(0, searchMillis - a.stats().solveMillis()), a.stats().solveMillis(), a.stats().assertions()));
    if (options.explainProofs() && verdict == Verdict.PROVEN && inv.expect() != Expect.ALLOW_SOME) {
      Optional<List<String>> basis = session.proofBasis(inv, world);
      if (basis.isPresent()) {
        result = result.withProofBasis(basis.get());
      }
    }
    return result;
  }

  private static CheckResult interruptedResult(String specName, Invariant inv, World world) {
    return new CheckResult(specName, inv.name(), inv.expect(), world, Verdict.UNKNOWN, inv.expectedIn(world), 0,
        Optional.empty(), "interrupted before the solver decided it", ImmutableList.of(), 0, inv.location());
  }

  /**
   * A {@code namespace:} that no workload of the manifests is in denotes no endpoint in the closed world,
   * so an invariant about it holds vacuously there: say so plainly, naming the namespace.
   */
  private void warnEmptyNamespaces(List<InvariantSet> sets, Diagnostics diags) {
    for (InvariantSet set : sets) {
      if (options.worldOverride().orElse(set.world()) != World.CLOSED) {
        continue;
      }
      for (Invariant inv : set.invariants()) {
        for (EndpointSelector s : concat(inv.from().selectors(), inv.to().selectors())) {
          s.namespace().filter(ns -> cluster.workloads().stream().noneMatch(w -> w.namespace().equals(ns)))
              .ifPresent(ns -> diags.add(Diagnostic.warning(dev.npv.load.Codes.SPEC_EMPTY_NAMESPACE, s.location(),
                  "invariant '" + inv.name() + "' names namespace '" + ns + "', which "
                      + (cluster.namespace(ns).isPresent() ? "has no workloads" : "no manifest defines")
                      + ": in the closed world this endpoint set is empty, so the invariant holds vacuously")));
        }
      }
    }
  }

  /** Warns when an invariant's from or to is empty in this world: such an invariant proves nothing. */
  private void vacuity(SolverSession session, Invariant inv, World world, List<String> warnings) {
    // One query answers the common case: some pair exists, so neither set is empty.
    if (session.pairsInhabited(inv, world).outcome() != SolverAnswer.Outcome.NONE) {
      return;
    }
    if (!inv.from().any() && session.inhabited(inv.from(), world, true).outcome() == SolverAnswer.Outcome.NONE) {
      warnings.add("'from' matches no endpoint in the " + world.name().toLowerCase() + " world");
    }
    if (!inv.to().any() && session.inhabited(inv.to(), world, false).outcome() == SolverAnswer.Outcome.NONE) {
      warnings.add("'to' matches no endpoint in the " + world.name().toLowerCase() + " world");
    }
    // Both sides may be inhabited and still form no pair (two address sets, or one bare Pod twice).
    if (warnings.isEmpty()) {
      warnings.add("no pair of distinct endpoints in the " + world.name().toLowerCase()
          + " world lies in both 'from' and 'to' on these ports: the invariant holds vacuously");
    }
  }

  /** Re-checks a witness with the reference evaluator; any disagreement is a bug, never a result. */
  private void confirm(Invariant inv, Witness w, boolean expectAllowed) {
    ConnectionDecision d = oracle.decide(w.connection());
    if (d.allowed() != expectAllowed || !SpecMatcher.covers(inv, w)) {
      throw new InternalVerificationError("encoder and reference evaluator disagree on invariant '"
          + inv.name() + "': solver witness " + w.connection() + " is "
          + (expectAllowed ? "allowed" : "denied") + " symbolically but the evaluator says "
          + (d.allowed() ? "allowed" : "denied")
          + (SpecMatcher.covers(inv, w) ? "" : " (and the witness is outside the invariant's scope)"));
    }
  }

  private Counterexample counterexample(Witness w, ConnectionDecision d) {
    return new Counterexample(view(w.connection().src(), w.source()), view(w.connection().dst(), w.destination()),
        w.connection().protocol(), w.connection().port(), d.allowed(), explain(d), decidingRules(d));
  }

  /** Allowed: the rules that admit it on each side; denied: the policies isolating the dropping side(s). */
  ImmutableList<DecidingRule> decidingRules(ConnectionDecision d) {
    ImmutableList.Builder<DecidingRule> out = ImmutableList.builder();
    for (SideDecision s : List.of(d.egress(), d.ingress())) {
      // An admin tier decided the side (ANP Allow/Deny, or BANP for a pod no NetworkPolicy isolates).
      Optional<AdminRuleRef> admin = s.adminVerdict().or(() -> s.isolated() ? Optional.empty() : s.baseline());
      if (s.governed() && admin.isPresent()) {
        AdminRuleRef a = admin.get();
        if (d.allowed() || !s.allowed()) {
          out.add(new DecidingRule(s.allowed() ? DecidingRule.Role.ALLOWS : DecidingRule.Role.DENIES,
              a.policyDisplay(), a.direction(), OptionalInt.of(a.index()), a.location()));
        }
        continue;
      }
      if (d.allowed()) {
        s.allowedBy().stream().sorted().forEach(r -> out.add(new DecidingRule(DecidingRule.Role.ALLOWS,
            r.policy().toString(), r.direction(), OptionalInt.of(r.index()), r.location())));
      } else if (!s.allowed()) {
        s.isolating().stream().sorted().forEach(p -> out.add(new DecidingRule(DecidingRule.Role.ISOLATES,
            p.toString(), s.direction(), OptionalInt.empty(), policyLocation(p))));
      }
    }
    return out.build();
  }

  private SourceLocation policyLocation(PolicyId id) {
    return cluster.policies().stream().filter(p -> p.id().equals(id)).findFirst()
        .map(Policy::location).orElse(SourceLocation.UNKNOWN);
  }

  static ImmutableList<String> explain(ConnectionDecision d) {
    return ImmutableList.of(side("egress of source", d.egress()), side("ingress of destination", d.ingress()));
  }

  private static String side(String what, SideDecision s) {
    return what + ": " + (s.allowed() ? "allows" : "denies") + " (" + s.reason() + ")";
  }

  static EndpointView view(Endpoint e, Witness.EndProvenance p) {
    if (e instanceof Endpoint.External x && x.node().isPresent()) {
      return new EndpointView(EndpointView.Kind.NODE, Optional.empty(), Optional.empty(), ImmutableSortedMap.of(),
          x.node().get().labels(), Optional.of(x.ip().toString()), false, Optional.of(x.node().get().name()),
          p.newNode());
    }
    if (e instanceof Endpoint.External x) {
      return new EndpointView(EndpointView.Kind.EXTERNAL, Optional.empty(), Optional.empty(),
          ImmutableSortedMap.of(), ImmutableSortedMap.of(), Optional.of(x.ip().toString()), false);
    }
    Endpoint.PodEndpoint pod = (Endpoint.PodEndpoint) e;
    ImmutableSortedMap<String, String> nsLabels = ImmutableSortedMap.copyOf(
        pod.namespaceLabels().entrySet().stream().filter(x -> !x.getKey().equals(Namespace.NAME_LABEL)).toList());
    return new EndpointView(p.hypothetical() ? EndpointView.Kind.HYPOTHETICAL_POD : EndpointView.Kind.WORKLOAD,
        p.workload(), Optional.of(pod.namespace()), nsLabels, pod.labels(),
        pod.ip().map(Object::toString), p.newNamespace());
  }

  /** Throws, with every problem located, when an invariant names a workload no manifest defines. */
  public static void requireKnownWorkloads(Cluster cluster, List<InvariantSet> sets) throws InvalidInputException {
    Diagnostics diags = new Diagnostics();
    new Verifier(cluster, VerifyOptions.DEFAULT).resolveReferences(sets, diags);
    if (diags.hasErrors()) {
      throw new InvalidInputException(diags.sorted());
    }
  }

  /** A {@code workload:} reference must name a workload of the manifests. */
  void resolveReferences(List<InvariantSet> sets, Diagnostics diags) {
    for (InvariantSet set : sets) {
      for (Invariant inv : set.invariants()) {
        for (EndpointSelector s : concat(inv.from().selectors(), inv.to().selectors())) {
          s.workload().filter(w -> cluster.workload(w.namespace(), w.name()).isEmpty())
              .ifPresent(w -> diags.add(Diagnostic.error(dev.npv.load.Codes.SPEC_UNKNOWN_WORKLOAD, s.location(),
                  "invariant '" + inv.name() + "' refers to workload " + w + ", which no manifest defines")));
        }
      }
    }
  }

  private static List<EndpointSelector> concat(List<EndpointSelector> a, List<EndpointSelector> b) {
    List<EndpointSelector> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
