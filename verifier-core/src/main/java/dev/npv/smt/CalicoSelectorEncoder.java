package dev.npv.smt;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.SeqSort;
import dev.npv.model.CalicoSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calico selectors as formulas over a symbolic label map, for the Calico encoder (not wired into the
 * sessions yet). Each label key a selector mentions is a pair: {@code present} (Bool) and {@code value}
 * (a Z3 String). {@code starts with}, {@code ends with} and {@code contains} are Z3's own string
 * predicates ({@code str.prefixof}, {@code str.suffixof}, {@code str.contains}), so every value is
 * reasoned about exactly, including values no manifest names: a finite ABSENT/OTHER abstraction cannot
 * say whether an "other" value starts with a given prefix, and would be unsound here in both
 * directions. Values are constrained to what the API server accepts as a Kubernetes label value (at
 * most 63 characters; empty, or alphanumeric at both ends with {@code -}, {@code _}, {@code .} between),
 * so a witness is always a label that can exist. Semantics as libcalico-go's {@code ast.go}: the
 * comparisons need the key present, except {@code !=} and {@code not in}, which also hold when it is
 * absent.
 *
 * <p>Thread-confined to its session's {@link Context}; its expressions never leave package smt.
 */
final class CalicoSelectorEncoder {
  /** A label map as the encoder sees it: per key, whether it is set and its value. */
  interface LabelView {
    BoolExpr present(String key);

    Expr<SeqSort<CharSort>> value(String key);
  }

  /** The symbolic labels of one endpoint (or namespace): created lazily, one pair per key. */
  static final class SymbolicLabels implements LabelView {
    private final Context ctx;
    private final String prefix;
    private final Map<String, BoolExpr> present = new TreeMap<>();
    private final Map<String, Expr<SeqSort<CharSort>>> values = new TreeMap<>();
    private final List<BoolExpr> wellFormed = new ArrayList<>();

    SymbolicLabels(Context ctx, String prefix) {
      this.ctx = ctx;
      this.prefix = prefix;
    }

    @Override
    public BoolExpr present(String key) {
      value(key);
      return present.get(key);
    }

    @Override
    public Expr<SeqSort<CharSort>> value(String key) {
      return values.computeIfAbsent(key, k -> {
        present.put(k, ctx.mkBoolConst(prefix + ".has[" + k + "]"));
        Expr<SeqSort<CharSort>> v = ctx.mkConst(prefix + ".label[" + k + "]", ctx.getStringSort());
        wellFormed.add(labelValue(ctx, v));
        return v;
      });
    }

    /** The keys used so far, in order. */
    Iterable<String> keys() {
      return values.keySet();
    }

    /** Every value is a valid Kubernetes label value: assert this with any formula over these labels. */
    BoolExpr wellFormed() {
      return ctx.mkAnd(wellFormed.toArray(BoolExpr[]::new));
    }
  }

  private final Context ctx;

  CalicoSelectorEncoder(Context ctx) {
    this.ctx = ctx;
  }

  /** The selector's formula over {@code labels}; call {@link SymbolicLabels#wellFormed} after encoding. */
  BoolExpr encode(CalicoSelector s, LabelView labels) {
    return s.accept(new CalicoSelector.Visitor<BoolExpr>() {
      @Override
      public BoolExpr all(CalicoSelector.All x) {
        return ctx.mkTrue();
      }

      @Override
      public BoolExpr global(CalicoSelector.Global x) {
        return ctx.mkTrue(); // as ast.go: true on labels; its scope is decided where namespaceSelector is read
      }

      @Override
      public BoolExpr has(CalicoSelector.Has x) {
        return labels.present(x.key());
      }

      @Override
      public BoolExpr equal(CalicoSelector.Equal x) {
        return ctx.mkAnd(labels.present(x.key()), ctx.mkEq(labels.value(x.key()), ctx.mkString(x.value())));
      }

      @Override
      public BoolExpr notEqual(CalicoSelector.NotEqual x) {
        return ctx.mkNot(equal(new CalicoSelector.Equal(x.key(), x.value())));
      }

      @Override
      public BoolExpr in(CalicoSelector.In x) {
        List<BoolExpr> any = new ArrayList<>();
        for (String v : x.values()) {
          any.add(ctx.mkEq(labels.value(x.key()), ctx.mkString(v)));
        }
        return ctx.mkAnd(labels.present(x.key()), ctx.mkOr(any.toArray(BoolExpr[]::new)));
      }

      @Override
      public BoolExpr notIn(CalicoSelector.NotIn x) {
        return ctx.mkNot(in(new CalicoSelector.In(x.key(), x.values())));
      }

      @Override
      public BoolExpr contains(CalicoSelector.Contains x) {
        return ctx.mkAnd(labels.present(x.key()), ctx.mkContains(labels.value(x.key()), ctx.mkString(x.value())));
      }

      @Override
      public BoolExpr startsWith(CalicoSelector.StartsWith x) {
        return ctx.mkAnd(labels.present(x.key()), ctx.mkPrefixOf(ctx.mkString(x.value()), labels.value(x.key())));
      }

      @Override
      public BoolExpr endsWith(CalicoSelector.EndsWith x) {
        return ctx.mkAnd(labels.present(x.key()), ctx.mkSuffixOf(ctx.mkString(x.value()), labels.value(x.key())));
      }

      @Override
      public BoolExpr not(CalicoSelector.Not x) {
        return ctx.mkNot(x.operand().accept(this));
      }

      @Override
      public BoolExpr and(CalicoSelector.And x) {
        return ctx.mkAnd(x.operands().stream().map(o -> o.accept(this)).toArray(BoolExpr[]::new));
      }

      @Override
      public BoolExpr or(CalicoSelector.Or x) {
        return ctx.mkOr(x.operands().stream().map(o -> o.accept(this)).toArray(BoolExpr[]::new));
      }
    });
  }

  /** A valid Kubernetes label value (apimachinery IsValidLabelValue): length and character classes. */
  static BoolExpr labelValue(Context ctx, Expr<SeqSort<CharSort>> v) {
    ReExpr<SeqSort<CharSort>> alnum = ctx.mkUnion(ctx.mkRange(ctx.mkString("a"), ctx.mkString("z")),
        ctx.mkRange(ctx.mkString("A"), ctx.mkString("Z")), ctx.mkRange(ctx.mkString("0"), ctx.mkString("9")));
    ReExpr<SeqSort<CharSort>> middle = ctx.mkUnion(alnum, ctx.mkToRe(ctx.mkString("-")),
        ctx.mkToRe(ctx.mkString("_")), ctx.mkToRe(ctx.mkString(".")));
    ReExpr<SeqSort<CharSort>> value = ctx.mkOption(ctx.mkConcat(alnum, ctx.mkOption(ctx.mkConcat(ctx.mkStar(middle),
        alnum))));
    return ctx.mkAnd(ctx.mkInRe(v, value), ctx.mkLe(ctx.mkLength(v), ctx.mkInt(63)));
  }
}
