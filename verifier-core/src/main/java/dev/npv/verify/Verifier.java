package dev.npv.verify;

import com.google.common.base.Stopwatch;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.InvalidInputException;
import dev.npv.eval.Connection;
import dev.npv.eval.ConnectionDecision;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.smt.SolverAnswer;
import dev.npv.smt.SolverSession;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks invariant sets against a cluster, downhill: bind the specs ({@link SpecBinding}) → solve each
 * invariant on a worker's session ({@link BatchRunner}) → map the solver's answer to a verdict → turn a
 * witness into the reported counterexample ({@link WitnessPipeline}). Verdicts follow the solver only:
 * PROVEN when the query for a breaking connection is unsat (for allowSome: when an allowed example is
 * found and re-checked), VIOLATED with a witness the reference evaluator confirms, UNKNOWN when the
 * solver cannot decide.
 */
public final class Verifier {
  private final Cluster cluster;
  private final VerifyOptions options;
  private final Oracle oracle;
  private final FamiliarWitness familiar;
  private final BatchRunner runner;
  private Progress progress = (done, total, name) -> { };

  /** How a witness is re-checked; package-private so tests can force a disagreement (never production). */
  @FunctionalInterface
  interface Oracle {
    ConnectionDecision decide(Connection c);
  }

  /** Told before each invariant is checked: how many are done, how many in all, and the next name. */
  public interface Progress {
    void starting(int done, int total, String name);
  }

  public Verifier(Cluster cluster, VerifyOptions options) {
    this(cluster, options, new ReferenceEvaluator(cluster, options.session().semantics())::decide);
  }

  Verifier(Cluster cluster, VerifyOptions options, Oracle oracle) {
    this(cluster, options, oracle, session -> { });
  }

  /** {@code opened} is told of each solver session before its first query: a test seam, never production. */
  Verifier(Cluster cluster, VerifyOptions options, Oracle oracle, Consumer<SolverSession> opened) {
    this.cluster = cluster;
    this.options = options;
    this.oracle = oracle;
    this.familiar = new FamiliarWitness(cluster, oracle::decide);
    this.runner = new BatchRunner(cluster, options.session(), options.jobs(), opened);
  }

  /**
   * Stops a running {@link #verify} from another thread (a shutdown hook on Ctrl-C): the query in
   * progress and every later one answer UNKNOWN, so verify returns promptly with no false verdict.
   */
  public void interrupt() {
    runner.interrupt();
  }

  /** Reports progress to {@code listener} (e.g. a counter on a terminal); returns this verifier. */
  public Verifier onProgress(Progress listener) {
    this.progress = listener;
    return this;
  }

  public VerificationReport verify(List<InvariantSet> sets) throws InvalidInputException {
    Diagnostics diags = new Diagnostics();
    new SpecBinding(cluster).bind(sets, options.worldOverride(), diags);
    if (diags.hasErrors()) {
      throw new InvalidInputException(diags.sorted());
    }
    List<Invariant> all = sets.stream().flatMap(s -> s.invariants().stream()).toList();
    ReferenceEvaluator reference = new ReferenceEvaluator(cluster, options.session().semantics());
    WitnessPipeline witnesses = new WitnessPipeline(oracle, familiar, new CanonicalWitness(cluster, reference, all),
        new Counterexamples(cluster, reference.addressRules()));
    List<BatchRunner.Task> tasks = new ArrayList<>();
    for (InvariantSet set : sets) {
      World world = options.worldOverride().orElse(set.world());
      set.invariants().forEach(inv -> tasks.add(new BatchRunner.Task(set.name(), inv, world)));
    }
    CheckResult[] results = runner.run(all, tasks, new BatchRunner.Checker() {
      @Override
      public CheckResult check(SolverSession session, BatchRunner.Task task) {
        return Verifier.this.check(session, witnesses, task);
      }

      @Override
      public CheckResult interrupted(BatchRunner.Task task) {
        return interruptedResult(task);
      }
    }, progress);
    // Policy kinds npv does not model may change a verdict: those verdicts are UNKNOWN, never a pass.
    return new VerificationReport(UnmodelledPolicyGuard.qualify(cluster,
        tasks.stream().map(BatchRunner.Task::invariant).toList(), results), diags.sorted());
  }

  /** One invariant: the solver's answer, mapped to a verdict. */
  private CheckResult check(SolverSession session, WitnessPipeline witnesses, BatchRunner.Task task) {
    Invariant inv = task.invariant();
    World world = task.world();
    Stopwatch sw = Stopwatch.createStarted();
    boolean searchAllowed = inv.expect() != Expect.ALLOW;
    SolverAnswer a = session.search(inv, world, searchAllowed);
    long searchMillis = sw.elapsed(TimeUnit.MILLISECONDS);
    List<String> warnings = new ArrayList<>();
    // A witness lies in both sets, so only an answer without one can hide an empty scope.
    if (a.outcome() != SolverAnswer.Outcome.FOUND) {
      warnings.addAll(Vacuity.warnings(session, inv, world));
    }
    Verdict verdict;
    Optional<Counterexample> cex = Optional.empty();
    String reason = "";
    switch (a.outcome()) {
      case UNKNOWN -> {
        verdict = Verdict.UNKNOWN;
        reason = "solver could not decide (" + a.reason() + "; a timeout or --rlimit stops it this way)";
      }
      case NONE -> {
        verdict = inv.expect() == Expect.ALLOW_SOME ? Verdict.VIOLATED : Verdict.PROVEN;
        if (inv.expect() == Expect.ALLOW_SOME) {
          reason = "no connection from 'from' to 'to' on these ports is allowed";
        }
      }
      case FOUND -> {
        WitnessPipeline.Presented shown = witnesses.present(session, inv, world, a.witness().orElseThrow(),
            searchAllowed);
        cex = Optional.of(shown.counterexample());
        warnings.addAll(shown.warnings());
        verdict = inv.expect() == Expect.ALLOW_SOME ? Verdict.PROVEN : Verdict.VIOLATED;
      }
      default -> throw new IllegalStateException("unhandled solver outcome " + a.outcome());
    }
    CheckResult.Builder result = CheckResult.builder(task.specName(), inv.name(), inv.expect(), world, inv.location())
        .durationMillis(sw.elapsed(TimeUnit.MILLISECONDS)).verdict(verdict).expectedVerdict(inv.expectedIn(world))
        .counterexample(cex).reason(reason).warnings(warnings).rlimit(a.stats().rlimit()).cost(new CheckResult.SolverCost(a.stats().encodeMillis(),
            Math.max(0, searchMillis - a.stats().solveMillis()), a.stats().solveMillis(), a.stats().assertions()));
    if (options.explainProofs() && verdict == Verdict.PROVEN && inv.expect() != Expect.ALLOW_SOME) {
      result.proofBasis(session.proofBasis(inv, world));
    }
    return result.build();
  }

  private static CheckResult interruptedResult(BatchRunner.Task t) {
    Invariant inv = t.invariant();
    return CheckResult.builder(t.specName(), inv.name(), inv.expect(), t.world(), inv.location())
        .verdict(Verdict.UNKNOWN).expectedVerdict(inv.expectedIn(t.world()))
        .reason("interrupted before the solver decided it").build();
  }

  /** Throws, with every problem located, when an invariant names a workload no manifest defines. */
  public static void requireKnownWorkloads(Cluster cluster, List<InvariantSet> sets) throws InvalidInputException {
    Diagnostics diags = new Diagnostics();
    new SpecBinding(cluster).resolveReferences(sets, diags);
    if (diags.hasErrors()) {
      throw new InvalidInputException(diags.sorted());
    }
  }
}
