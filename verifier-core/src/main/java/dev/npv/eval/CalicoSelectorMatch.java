package dev.npv.eval;

import dev.npv.model.CalicoSelector;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a {@link CalicoSelector} over a label map in which some keys are unknown (for example
 * {@code projectcalico.org/serviceaccount} of a pod whose service account the manifests do not give):
 * an operator on an unknown key is MAYBE, and {@code !}, {@code &&}, {@code ||} combine in Kleene logic.
 * With no unknown keys this is exactly {@link CalicoSelector#matches}.
 */
public final class CalicoSelectorMatch implements CalicoSelector.Visitor<Tri> {
  private final Map<String, String> labels;
  private final Set<String> unknownKeys;

  private CalicoSelectorMatch(Map<String, String> labels, Set<String> unknownKeys) {
    this.labels = labels;
    this.unknownKeys = unknownKeys;
  }

  public static Tri match(CalicoSelector s, Map<String, String> labels, Set<String> unknownKeys) {
    return s.accept(new CalicoSelectorMatch(labels, unknownKeys));
  }

  private Tri leaf(String key, CalicoSelector s) {
    return unknownKeys.contains(key) ? Tri.MAYBE : Tri.of(s.matches(labels));
  }

  @Override
  public Tri all(CalicoSelector.All s) {
    return Tri.YES;
  }

  @Override
  public Tri global(CalicoSelector.Global s) {
    return Tri.YES;
  }

  @Override
  public Tri has(CalicoSelector.Has s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri equal(CalicoSelector.Equal s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri notEqual(CalicoSelector.NotEqual s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri in(CalicoSelector.In s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri notIn(CalicoSelector.NotIn s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri contains(CalicoSelector.Contains s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri startsWith(CalicoSelector.StartsWith s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri endsWith(CalicoSelector.EndsWith s) {
    return leaf(s.key(), s);
  }

  @Override
  public Tri not(CalicoSelector.Not s) {
    return s.operand().accept(this).not();
  }

  @Override
  public Tri and(CalicoSelector.And s) {
    Tri out = Tri.YES;
    for (CalicoSelector o : s.operands()) {
      out = out.and(o.accept(this));
    }
    return out;
  }

  @Override
  public Tri or(CalicoSelector.Or s) {
    Tri out = Tri.NO;
    for (CalicoSelector o : s.operands()) {
      out = out.or(o.accept(this));
    }
    return out;
  }
}
