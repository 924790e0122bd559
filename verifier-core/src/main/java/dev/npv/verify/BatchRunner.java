package dev.npv.verify;

import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.smt.SolverSession;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Schedules the invariants of a run over solver sessions: fixed batches, each in a fresh session, taken
 * by up to {@code jobs} workers as they come; stoppable from another thread (Ctrl-C), after which every
 * question not yet decided is answered by {@code interrupted} instead of the solver.
 */
final class BatchRunner {
  /**
   * Invariants are checked in fixed batches of this many, each batch in a fresh session (its own Z3
   * context), in order. Which counterexample a solver picks can depend on what it was asked before,
   * so fixed batches keep that history the same whatever the number of workers and whichever worker
   * takes a batch (Z3's own state can still vary it; verdicts never vary); within a batch, the
   * session's incremental solving pays off.
   */
  static final int INVARIANTS_PER_SESSION = 16;

  /** One invariant to check: where it comes from and the world it is checked in. */
  record Task(String specName, Invariant invariant, World world) {
  }

  /** How one task is checked on a worker's session. */
  interface Checker {
    CheckResult check(SolverSession session, Task task);

    CheckResult interrupted(Task task);
  }

  private final Cluster cluster;
  private final SessionOptions sessionOptions;
  private final int jobs;
  /** Told of each session as it opens, before its first query; a test seam (nothing in production). */
  private final Consumer<SolverSession> opened;
  /** The sessions of the running {@link #run}, for {@link #interrupt} from another thread. */
  private final List<SolverSession> running = new CopyOnWriteArrayList<>();
  private volatile boolean interrupted;
  /** How many tasks of the running {@link #run} have been started, for progress reports. */
  private final AtomicInteger started = new AtomicInteger();

  BatchRunner(Cluster cluster, SessionOptions sessionOptions, int jobs, Consumer<SolverSession> opened) {
    this.cluster = cluster;
    this.sessionOptions = sessionOptions;
    this.jobs = jobs;
    this.opened = opened;
  }

  /** The query in progress and every later one answer UNKNOWN; never a verdict. */
  void interrupt() {
    interrupted = true;
    running.forEach(SolverSession::interrupt);
  }

  /** Checks every task; {@code all} builds each session's universe (the same domains everywhere). */
  CheckResult[] run(List<Invariant> all, List<Task> tasks, Checker checker, Verifier.Progress progress) {
    CheckResult[] results = new CheckResult[tasks.size()];
    started.set(0);
    int workers = Math.max(1, Math.min(jobs, batches(tasks.size())));
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> runWorker(all, tasks, next, results, checker, progress);
    if (workers <= 1) {
      worker.run();
    } else {
      runInParallel(worker, workers);
    }
    return results;
  }

  private static int batches(int tasks) {
    return (tasks + INVARIANTS_PER_SESSION - 1) / INVARIANTS_PER_SESSION;
  }

  /**
   * A worker takes the next unchecked batch until none is left. Invariants differ widely in cost,
   * so taking batches as they come keeps all cores busy.
   */
  private void runWorker(List<Invariant> all, List<Task> tasks, AtomicInteger next, CheckResult[] results,
                         Checker checker, Verifier.Progress progress) {
    for (int b = next.getAndIncrement(); b < batches(tasks.size()); b = next.getAndIncrement()) {
      int from = b * INVARIANTS_PER_SESSION;
      int to = Math.min(tasks.size(), (b + 1) * INVARIANTS_PER_SESSION);
      try (SolverSession session = new SolverSession(cluster, all, sessionOptions)) {
        opened.accept(session);
        running.add(session);
        try {
          if (interrupted) {
            session.interrupt(); // interrupted while encoding: the queries must not run
          }
          for (int i = from; i < to; i++) {
            Task t = tasks.get(i);
            progress(progress, started.getAndIncrement(), tasks.size(), t.invariant().name());
            results[i] = interrupted ? checker.interrupted(t) : checker.check(session, t);
          }
        } finally {
          running.remove(session);
        }
      }
    }
  }

  private static synchronized void progress(Verifier.Progress progress, int done, int total, String name) {
    progress.starting(done, total, name);
  }

  private void runInParallel(Runnable worker, int workers) {
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "npv-check");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int k = 0; k < workers; k++) {
        futures.add(pool.submit(worker));
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
}
