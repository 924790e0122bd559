package dev.npv.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.z3.Context;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Cluster;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Invariant;
import dev.npv.spec.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --dump-smt: every question a session asks is written as SMT-LIB2 (one file per check, numbered in
 * order), and each file is a script Z3 itself reads back to the same answer the session got.
 */
class SmtDumpTest {
  @Test
  void diffSession_dumpsEveryQuery_andZ3ReadsEachBackToTheSameAnswer(@TempDir Path dir) throws Exception {
    Cluster seed = SessionFaultTest.seed();
    List<Invariant> invs = SessionFaultTest.seedInvariants();
    SessionOptions options = new SessionOptions(EvaluatorOptions.DEFAULT, 60_000, 0, true,
        Optional.of(dir));
    List<SolverAnswer.Outcome> answers = new ArrayList<>();
    try (DiffSession s = new DiffSession(seed, seed, invs, options)) {
      for (boolean opened : List.of(true, false)) {
        answers.add(s.search(EndpointSet.ANY, EndpointSet.ANY, List.of(), World.OPEN, opened, List.of()).outcome());
      }
      for (Invariant inv : invs) {
        answers.add(s.search(inv.from(), inv.to(), inv.ports(), World.CLOSED, true, List.of()).outcome());
      }
    }
    List<Path> files = dumps(dir);
    assertEquals(answers.size(), files.size(), files.toString());
    for (int i = 0; i < files.size(); i++) {
      Path f = dir.resolve("diff-query-" + (i + 1) + ".smt2");
      assertTrue(Files.exists(f), f.toString());
      assertEquals(answers.get(i) == SolverAnswer.Outcome.NONE ? Status.UNSATISFIABLE : Status.SATISFIABLE,
          replay(Files.readString(f)), f.toString());
    }
  }

  @Test
  void lintAndCheckSessions_dumpEveryQuery(@TempDir Path dir) throws Exception {
    Cluster seed = SessionFaultTest.seed();
    List<Invariant> invs = SessionFaultTest.seedInvariants();
    SessionOptions options = new SessionOptions(EvaluatorOptions.DEFAULT, 60_000, 0, false,
        Optional.of(dir));
    int lintQuestions = 0;
    try (LintSession s = new LintSession(seed, invs, options)) {
      for (Invariant a : invs) {
        s.inhabited(a.from(), World.OPEN, true);
        lintQuestions++;
      }
    }
    int checkQueries = 0;
    try (SolverSession s = new SolverSession(seed, invs, options)) {
      for (Invariant inv : invs) {
        s.pairsInhabited(inv, World.CLOSED);
        checkQueries++;
      }
    }
    assertEquals(lintQuestions, dumps(dir).stream().filter(p -> p.getFileName().toString().startsWith("lint-query-"))
        .count());
    assertEquals(checkQueries, dumps(dir).stream().filter(p -> p.getFileName().toString().startsWith("query-"))
        .count());
    for (Path f : dumps(dir)) {
      assertEquals(Status.SATISFIABLE, replay(Files.readString(f)), f.toString()); // every set here is inhabited
    }
  }

  private static List<Path> dumps(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /** Z3 reads the script's declarations and assertions back; its check gives the dumped query's answer. */
  private static Status replay(String script) {
    try (Context ctx = new Context()) {
      Solver solver = ctx.mkSolver();
      solver.fromString(script);
      assertTrue(solver.getNumAssertions() > 0, "the script asserts something");
      return solver.check();
    }
  }
}
