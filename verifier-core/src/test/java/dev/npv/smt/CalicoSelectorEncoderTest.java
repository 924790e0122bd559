package dev.npv.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.load.CalicoSelectorParser;
import dev.npv.model.CalicoSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The selector encoding against the reference matcher ({@link CalicoSelector#matches}): on generated
 * selectors and label maps, the formula with the labels pinned is satisfiable exactly when the matcher
 * says the selector matches; every model of a selector (and of its negation) decodes to labels the
 * matcher agrees with; and string predicates are exact for values no selector names.
 */
class CalicoSelectorEncoderTest {
  private static final List<String> KEYS = List.of("a", "b");
  private static final List<String> VALUES = List.of("", "x", "xy", "yx", "y", "x.y");

  private static CalicoSelector parse(String s) {
    return CalicoSelectorParser.parse(s).selector().orElseThrow();
  }

  private static CalicoSelector random(Random r, int depth) {
    String k = KEYS.get(r.nextInt(KEYS.size()));
    String v = VALUES.get(r.nextInt(VALUES.size()));
    int op = r.nextInt(depth <= 0 ? 10 : 14);
    return switch (op) {
      case 0 -> new CalicoSelector.All();
      case 1 -> new CalicoSelector.Has(k);
      case 2 -> new CalicoSelector.Equal(k, v);
      case 3 -> new CalicoSelector.NotEqual(k, v);
      case 4 -> new CalicoSelector.In(k, ImmutableSortedSet.of(v, VALUES.get(r.nextInt(VALUES.size()))));
      case 5 -> new CalicoSelector.NotIn(k, ImmutableSortedSet.of(v));
      case 6 -> new CalicoSelector.Contains(k, v);
      case 7 -> new CalicoSelector.StartsWith(k, v);
      case 8 -> new CalicoSelector.EndsWith(k, v);
      case 9 -> new CalicoSelector.Global();
      case 10, 11 -> new CalicoSelector.Not(random(r, depth - 1));
      case 12 -> new CalicoSelector.And(ImmutableList.of(random(r, depth - 1), random(r, depth - 1)));
      default -> new CalicoSelector.Or(ImmutableList.of(random(r, depth - 1), random(r, depth - 1)));
    };
  }

  private static Map<String, String> randomLabels(Random r) {
    Map<String, String> out = new HashMap<>();
    for (String k : KEYS) {
      if (r.nextBoolean()) {
        out.put(k, VALUES.get(r.nextInt(VALUES.size())));
      }
    }
    return out;
  }

  private static BoolExpr pinned(Context ctx, CalicoSelectorEncoder.SymbolicLabels l, Map<String, String> labels) {
    List<BoolExpr> eqs = new ArrayList<>();
    for (String k : KEYS) {
      eqs.add(labels.containsKey(k) ? ctx.mkAnd(l.present(k), ctx.mkEq(l.value(k), ctx.mkString(labels.get(k))))
          : ctx.mkNot(l.present(k)));
    }
    return ctx.mkAnd(eqs.toArray(BoolExpr[]::new));
  }

  private static Map<String, String> decode(Model m, CalicoSelectorEncoder.SymbolicLabels l) {
    Map<String, String> out = new HashMap<>();
    for (String k : l.keys()) {
      if (m.eval(l.present(k), true).isTrue()) {
        out.put(k, m.eval(l.value(k), true).getString());
      }
    }
    return out;
  }

  @Test
  void agreesWithTheMatcherOnGeneratedSelectorsAndLabels() {
    Random r = new Random(20261204L);
    try (Context ctx = new Context()) {
      CalicoSelectorEncoder enc = new CalicoSelectorEncoder(ctx);
      for (int i = 0; i < 100; i++) {
        CalicoSelector s = random(r, 3);
        Map<String, String> labels = randomLabels(r);
        CalicoSelectorEncoder.SymbolicLabels l = new CalicoSelectorEncoder.SymbolicLabels(ctx, "p" + i);
        BoolExpr f = enc.encode(s, l);
        Solver solver = ctx.mkSolver();
        solver.add(f, pinned(ctx, l, labels));
        assertEquals(s.matches(labels) ? Status.SATISFIABLE : Status.UNSATISFIABLE, solver.check(), s + " on " + labels);
        for (BoolExpr goal : List.of(f, ctx.mkNot(f))) {
          Solver w = ctx.mkSolver();
          w.add(goal, l.wellFormed());
          if (w.check() == Status.SATISFIABLE) {
            Map<String, String> witness = decode(w.getModel(), l);
            assertEquals(goal == f, s.matches(witness), s + " witness " + witness);
          }
        }
      }
    }
  }

  @Test
  void stringPredicatesAreExactForValuesNoSelectorNames() {
    try (Context ctx = new Context()) {
      CalicoSelectorEncoder enc = new CalicoSelectorEncoder(ctx);
      // A value that starts with "pr" and ends with "od" but is not "prod": exists (e.g. "prXod").
      assertWitness(ctx, enc, "a starts with 'pr' && a ends with 'od' && a not in {'prod', 'prood'}");
      // A label value cannot start with '-': no valid label matches, whatever other values exist.
      assertNoLabel(ctx, enc, "a starts with '-'");
      assertNoLabel(ctx, enc, "a contains 'x' && a starts with 'y' && a ends with 'z' && a == 'yz'");
      assertNoLabel(ctx, enc, "a == 'v' && a != 'v'");
      // "k != 'v' matches resources without label k": satisfied by the empty label map.
      assertWitness(ctx, enc, "a != 'v' && !has(a)");
      assertWitness(ctx, enc, "a not in {'v'} && !has(a)");
      assertNoLabel(ctx, enc, "a in {'v'} && !has(a)");
    }
  }

  private static void assertWitness(Context ctx, CalicoSelectorEncoder enc, String text) {
    CalicoSelector s = parse(text);
    CalicoSelectorEncoder.SymbolicLabels l = new CalicoSelectorEncoder.SymbolicLabels(ctx, "w");
    Solver solver = ctx.mkSolver();
    solver.add(enc.encode(s, l), l.wellFormed());
    assertEquals(Status.SATISFIABLE, solver.check(), text);
    Map<String, String> witness = decode(solver.getModel(), l);
    assertTrue(s.matches(witness), text + " witness " + witness);
  }

  private static void assertNoLabel(Context ctx, CalicoSelectorEncoder enc, String text) {
    CalicoSelectorEncoder.SymbolicLabels l = new CalicoSelectorEncoder.SymbolicLabels(ctx, "n");
    Solver solver = ctx.mkSolver();
    solver.add(enc.encode(parse(text), l), l.wellFormed());
    assertEquals(Status.UNSATISFIABLE, solver.check(), text);
  }
}
