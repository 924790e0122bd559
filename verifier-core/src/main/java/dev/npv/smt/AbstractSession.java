package dev.npv.smt;

import com.google.common.base.Stopwatch;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import com.microsoft.z3.Z3Exception;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What every Z3 session shares (check, lint, diff): one {@link Context} and its life cycle, and the one
 * way to put a question to a solver.
 *
 * <p>Life cycle: the context is native memory, so open a session with try-with-resources and use it from
 * one thread; answers are plain data, safe after {@link #close}. Only {@link #interrupt} may come from
 * another thread. Both take the session's lock: an interrupt never reaches a context being or already
 * deleted, and closing twice is harmless.
 *
 * <p>Questions: {@link #ask} pushes a scope, asserts the query, and lets the question check it (each
 * check is dumped as SMT-LIB2 when {@code --dump-smt} is set, and runs under the solver's configured
 * timeout and resource limit, see {@link SolverParameters}); then it pops back to exactly where the
 * question started. A Z3 fault ({@link Z3Exception}: out of memory, an interrupt, a broken state; or a
 * status Z3 should never give) may leave scopes pushed or a definition half-asserted, and a later query
 * on such a state could be over-constrained: a false PROVEN, or "nothing opened" from a diff. So after a
 * fault, and after an interrupt, the session stops deciding: that question and every later one answer
 * UNKNOWN without asking Z3 again. A limit that is hit (timeout, rlimit) is no fault: Z3 answers
 * UNKNOWN for that question only.
 */
public abstract class AbstractSession implements AutoCloseable {
  static final String STOPPED = "solver stopped after an earlier fault or interrupt";

  final Context ctx;
  final SessionOptions options;
  private final SmtDump dump;
  private final Stopwatch sinceOpened = Stopwatch.createStarted();
  private long encodeMillis;
  private volatile boolean closed;
  /** Why the session no longer decides (a fault or an interrupt); null while it does. */
  private volatile String stopped;
  /** Runs before every check; a test seam to inject a fault (see {@link #beforeEachCheck}). */
  private Runnable beforeCheck = () -> { };
  /** Runs after every check, before its answer is read; a test seam (see {@link #afterEachCheck}). */
  private Runnable afterCheck = () -> { };

  /**
   * Opens the context. {@code dumpPrefix} names this kind's dump files ({@code query-1.smt2}, ...);
   * {@code afterCheck} is what a replay asks after a plain check (e.g. {@code (get-model)}).
   */
  AbstractSession(SessionOptions options, String dumpPrefix, String afterCheck) {
    this.options = options;
    this.dump = SmtDump.to(options.dumpDirectory(), dumpPrefix, afterCheck);
    this.ctx = new Context();
  }

  /** Marks the end of the subclass's encoding (its constructor), for the statistics. */
  final void encoded() {
    encodeMillis = sinceOpened.elapsed(TimeUnit.MILLISECONDS);
  }

  /** A solver of this context with the configured limits (timeout, rlimit). */
  final Solver newSolver() {
    return SolverParameters.newSolver(ctx, options);
  }

  /**
   * Whether the session still decides questions (no fault, no interrupt so far). Every question asks
   * this before it builds a formula, so a closed session (whose context is gone) throws here instead.
   */
  final boolean deciding() {
    if (closed) {
      throw new IllegalStateException("solver session used after close");
    }
    return stopped == null;
  }

  // ---- asking ---------------------------------------------------------------------------------

  /** A question, run with its query asserted in a scope of its own. */
  @FunctionalInterface
  interface Question<T> {
    T inScope(Scope scope);
  }

  /** A question's view of its scope: check as often as it needs (e.g. under different assumptions). */
  final class Scope {
    private final Solver solver;
    private final long rlimitBefore;

    private Scope(Solver solver, long rlimitBefore) {
      this.solver = solver;
      this.rlimitBefore = rlimitBefore;
    }

    /**
     * Dumps, then checks the query (under {@code assumptions}, if any) within the configured limits.
     * UNKNOWN without asking Z3 once the session has stopped deciding: after an interrupt Z3's context
     * stays cancelled, and no later check of this question (a minimiser's preference, a proof-basis
     * core) may decide anything.
     */
    Status check(BoolExpr... assumptions) {
      if (!deciding()) {
        return Status.UNKNOWN;
      }
      dump.write(solver, assumptions);
      return checkNow(assumptions);
    }

    /**
     * A check that refines a model already found (a witness minimiser's preference): as {@link #check},
     * but not dumped, since it decides nothing a replay would need.
     */
    Status refine() {
      return deciding() ? checkNow() : Status.UNKNOWN;
    }

    private Status checkNow(BoolExpr... assumptions) {
      beforeCheck.run();
      // No assumptions: Z3's plain check, exactly as before there were assumption checks.
      Status status = assumptions.length == 0 ? solver.check() : solver.check(assumptions);
      afterCheck.run();
      if (status == null) {
        throw new Z3Exception("the solver gave no status");
      }
      return status;
    }

    Solver solver() {
      return solver;
    }

    /** Whether the session still decides (see {@link AbstractSession#deciding}). */
    boolean deciding() {
      return AbstractSession.this.deciding();
    }

    /** Z3's machine-independent work on this question so far (the solver counts for its whole life). */
    long rlimitSpent() {
      return SolverStatistics.rlimit(solver) - rlimitBefore;
    }
  }

  /**
   * The one way to ask: push, assert {@code query}, run {@code question} (which checks), pop back to where
   * it started. Empty when the session no longer decides, before or because of this question: {@link
   * #stopReason} then says why.
   */
  final <T> Optional<T> ask(Solver solver, List<BoolExpr> query, Question<T> question) {
    if (!deciding()) {
      return Optional.empty();
    }
    int depth = 0;
    boolean pushed = false;
    try {
      Scope scope = new Scope(solver, SolverStatistics.rlimit(solver));
      depth = solver.getNumScopes();
      solver.push();
      pushed = true;
      solver.add(query.toArray(new BoolExpr[0]));
      T answer = question.inScope(scope);
      return deciding() ? Optional.of(answer) : Optional.empty();
    } catch (Z3Exception e) {
      stop("solver error: " + e.getMessage());
      return Optional.empty();
    } finally {
      if (pushed) {
        // Back to exactly where this question started, even if it left levels behind (minimization).
        try {
          solver.pop(solver.getNumScopes() - depth);
        } catch (Z3Exception e) {
          stop("solver error while leaving a query: " + e.getMessage());
        }
      }
    }
  }

  /** The usual question: one check; on SAT, {@code witness} (if any) reads the model, in scope. */
  final <W> Decision<W> decide(Solver solver, List<BoolExpr> query, Optional<ModelReader<W>> witness) {
    Stopwatch sw = Stopwatch.createStarted();
    boolean wasDeciding = deciding();
    Optional<Decision<W>> d = ask(solver, query, scope -> {
      Status status = scope.check();
      return switch (status) {
        case UNSATISFIABLE -> decision(scope, SolverAnswer.Outcome.NONE, Optional.empty(), "", sw);
        case UNKNOWN -> decision(scope, SolverAnswer.Outcome.UNKNOWN, Optional.empty(),
            scope.solver().getReasonUnknown(), sw);
        case SATISFIABLE -> decision(scope, SolverAnswer.Outcome.FOUND,
            witness.map(w -> w.read(scope, scope.solver().getModel())), "", sw);
      };
    });
    return d.orElseGet(() -> wasDeciding ? unknown(stopReason(), sw) : stopped(sw));
  }

  /** Reads what a question needs from a model of its query (it may push more levels; they are popped). */
  @FunctionalInterface
  interface ModelReader<W> {
    W read(Scope scope, Model model);
  }

  /** An answer of {@link #decide}: outcome, what the model gave (FOUND only), Z3's reason, the figures. */
  record Decision<W>(SolverAnswer.Outcome outcome, Optional<W> found, String reason, SolverAnswer.Stats stats) {
  }

  private <W> Decision<W> decision(Scope scope, SolverAnswer.Outcome outcome, Optional<W> found, String reason,
                                   Stopwatch sw) {
    return new Decision<>(outcome, found, reason, new SolverAnswer.Stats(encodeMillis,
        sw.elapsed(TimeUnit.MILLISECONDS), scope.rlimitSpent(), scope.solver().getNumAssertions()));
  }

  /** UNKNOWN for a question asked after the session stopped deciding, without asking Z3 anything. */
  final <W> Decision<W> stopped(Stopwatch sw) {
    return unknown(STOPPED + " (" + stopReason() + ")", sw);
  }

  private <W> Decision<W> unknown(String reason, Stopwatch sw) {
    return new Decision<>(SolverAnswer.Outcome.UNKNOWN, Optional.empty(), reason,
        new SolverAnswer.Stats(encodeMillis, sw.elapsed(TimeUnit.MILLISECONDS), 0, 0));
  }

  /** Why the session stopped deciding (the first fault, or the interrupt); empty text while it decides. */
  final String stopReason() {
    String why = stopped;
    return why == null ? "" : why;
  }

  /**
   * A Z3 fault outside {@link #ask} (while building a query's formulas): the session stops deciding, as
   * after a fault in a check, and this question is UNKNOWN.
   */
  final <W> Decision<W> fault(Z3Exception e, Stopwatch sw) {
    stop("solver error: " + e.getMessage());
    return unknown(stopReason(), sw);
  }

  /** The first reason wins: a later fault is a consequence. */
  private synchronized void stop(String reason) {
    if (stopped == null) {
      stopped = reason;
    }
  }

  /** Test seam: {@code hook} runs just before every check (a test throws a {@link Z3Exception} from it). */
  final void beforeEachCheck(Runnable hook) {
    this.beforeCheck = hook;
  }

  /** Test seam: {@code hook} runs just after every check, before the model or status is read. */
  final void afterEachCheck(Runnable hook) {
    this.afterCheck = hook;
  }

  // ---- life cycle -----------------------------------------------------------------------------

  /**
   * Stops a running check from another thread (Ctrl-C): it answers UNKNOWN, and so does every later
   * question of this session. Does nothing once the session is closed.
   */
  public final synchronized void interrupt() {
    if (!closed) {
      stop("interrupted");
      ctx.interrupt();
    }
  }

  @Override
  public final synchronized void close() {
    if (!closed) {
      closed = true;
      ctx.close();
    }
  }
}
