package dev.npv.model;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed Calico selector expression (projectcalico.org/v3 {@code selector}, {@code namespaceSelector},
 * {@code serviceAccountSelector} and rule selectors), one record per operator of the grammar on Calico's
 * selector reference page. {@link #matches} is the reference semantics over a label map, as libcalico-go's
 * {@code selector/parser/ast.go} evaluates it:
 * <ul>
 *   <li>{@code k == 'v'}, {@code k in {...}}, {@code contains}, {@code starts with}, {@code ends with} and
 *       {@code has(k)} need label {@code k} to be present;</li>
 *   <li>{@code k != 'v'} and {@code k not in {...}} also match when {@code k} is absent ("Matches
 *       resources without label 'k' or with label 'k' and value not equal to v");</li>
 *   <li>{@code all()} and the empty selector match everything; {@code global()} evaluates to true on
 *       labels, its meaning (non-namespaced resources only) applies where a rule's
 *       {@code namespaceSelector} is read.</li>
 * </ul>
 * {@link #toString} prints the canonical form ({@code (a && b)}, double-quoted literals), which parses
 * back to an equal selector.
 */
public sealed interface CalicoSelector {
  boolean matches(Map<String, String> labels);

  <R> R accept(Visitor<R> visitor);

  /** One method per operator, so a new operator breaks every reader of the AST at compile time. */
  interface Visitor<R> {
    R all(All s);

    R global(Global s);

    R has(Has s);

    R equal(Equal s);

    R notEqual(NotEqual s);

    R in(In s);

    R notIn(NotIn s);

    R contains(Contains s);

    R startsWith(StartsWith s);

    R endsWith(EndsWith s);

    R not(Not s);

    R and(And s);

    R or(Or s);
  }

  /** {@code all()}, or the empty selector. */
  record All() implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return true;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.all(this);
    }

    @Override
    public String toString() {
      return "all()";
    }
  }

  /** {@code global()}: all non-namespaced resources (meaningful only as a rule's namespaceSelector). */
  record Global() implements CalicoSelector {
    @Override
    public boolean matches(Map<String, String> labels) {
      return true;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.global(this);
    }

    @Override
    public String toString() {
      return "global()";
    }
  }

  record Has(String key) implements CalicoSelector {
    public Has {
      checkKey(key);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return labels.containsKey(key);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.has(this);
    }

    @Override
    public String toString() {
      return "has(" + key + ")";
    }
  }

  record Equal(String key, String value) implements CalicoSelector {
    public Equal {
      checkKey(key);
      checkLiteral(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return value.equals(labels.get(key));
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.equal(this);
    }

    @Override
    public String toString() {
      return key + " == " + quote(value);
    }
  }

  /** Also true when the label is absent. */
  record NotEqual(String key, String value) implements CalicoSelector {
    public NotEqual {
      checkKey(key);
      checkLiteral(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return !value.equals(labels.get(key));
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.notEqual(this);
    }

    @Override
    public String toString() {
      return key + " != " + quote(value);
    }
  }

  /** {@code k in {...}}; the set may be empty (then it matches nothing), as libcalico-go parses it. */
  record In(String key, ImmutableSortedSet<String> values) implements CalicoSelector {
    public In {
      checkKey(key);
      values = ImmutableSortedSet.copyOf(values);
      values.forEach(CalicoSelector::checkLiteral);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return v != null && values.contains(v);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.in(this);
    }

    @Override
    public String toString() {
      return key + " in " + set(values);
    }
  }

  /** Also true when the label is absent. */
  record NotIn(String key, ImmutableSortedSet<String> values) implements CalicoSelector {
    public NotIn {
      checkKey(key);
      values = ImmutableSortedSet.copyOf(values);
      values.forEach(CalicoSelector::checkLiteral);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return v == null || !values.contains(v);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.notIn(this);
    }

    @Override
    public String toString() {
      return key + " not in " + set(values);
    }
  }

  record Contains(String key, String value) implements CalicoSelector {
    public Contains {
      checkKey(key);
      checkLiteral(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return v != null && v.contains(value);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.contains(this);
    }

    @Override
    public String toString() {
      return key + " contains " + quote(value);
    }
  }

  record StartsWith(String key, String value) implements CalicoSelector {
    public StartsWith {
      checkKey(key);
      checkLiteral(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return v != null && v.startsWith(value);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.startsWith(this);
    }

    @Override
    public String toString() {
      return key + " starts with " + quote(value);
    }
  }

  record EndsWith(String key, String value) implements CalicoSelector {
    public EndsWith {
      checkKey(key);
      checkLiteral(value);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return v != null && v.endsWith(value);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.endsWith(this);
    }

    @Override
    public String toString() {
      return key + " ends with " + quote(value);
    }
  }

  record Not(CalicoSelector operand) implements CalicoSelector {
    public Not {
      Preconditions.checkNotNull(operand);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return !operand.matches(labels);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.not(this);
    }

    @Override
    public String toString() {
      return "!" + operand;
    }
  }

  /** Two or more operands (a single operand is that operand; see {@link #and}). */
  record And(ImmutableList<CalicoSelector> operands) implements CalicoSelector {
    public And {
      Preconditions.checkArgument(operands.size() >= 2, "an And has at least two operands");
      operands = ImmutableList.copyOf(operands);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return operands.stream().allMatch(o -> o.matches(labels));
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.and(this);
    }

    @Override
    public String toString() {
      return operands.stream().map(Object::toString).collect(Collectors.joining(" && ", "(", ")"));
    }
  }

  /** Two or more operands (a single operand is that operand; see {@link #or}). */
  record Or(ImmutableList<CalicoSelector> operands) implements CalicoSelector {
    public Or {
      Preconditions.checkArgument(operands.size() >= 2, "an Or has at least two operands");
      operands = ImmutableList.copyOf(operands);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return operands.stream().anyMatch(o -> o.matches(labels));
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.or(this);
    }

    @Override
    public String toString() {
      return operands.stream().map(Object::toString).collect(Collectors.joining(" || ", "(", ")"));
    }
  }

  CalicoSelector ALL = new All();

  /** The label keys the selector mentions, in order of first mention. */
  default ImmutableSet<String> keys() {
    return accept(new Visitor<ImmutableSet<String>>() {
      @Override
      public ImmutableSet<String> all(All x) {
        return ImmutableSet.of();
      }

      @Override
      public ImmutableSet<String> global(Global x) {
        return ImmutableSet.of();
      }

      @Override
      public ImmutableSet<String> has(Has x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> equal(Equal x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> notEqual(NotEqual x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> in(In x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> notIn(NotIn x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> contains(Contains x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> startsWith(StartsWith x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> endsWith(EndsWith x) {
        return ImmutableSet.of(x.key());
      }

      @Override
      public ImmutableSet<String> not(Not x) {
        return x.operand().accept(this);
      }

      @Override
      public ImmutableSet<String> and(And x) {
        return x.operands().stream().flatMap(o -> o.accept(this).stream()).collect(ImmutableSet.toImmutableSet());
      }

      @Override
      public ImmutableSet<String> or(Or x) {
        return x.operands().stream().flatMap(o -> o.accept(this).stream()).collect(ImmutableSet.toImmutableSet());
      }
    });
  }

  /** The conjunction; of one operand, that operand. */
  static CalicoSelector and(List<CalicoSelector> operands) {
    Preconditions.checkArgument(!operands.isEmpty());
    return operands.size() == 1 ? operands.get(0) : new And(ImmutableList.copyOf(operands));
  }

  /** The disjunction; of one operand, that operand. */
  static CalicoSelector or(List<CalicoSelector> operands) {
    Preconditions.checkArgument(!operands.isEmpty());
    return operands.size() == 1 ? operands.get(0) : new Or(ImmutableList.copyOf(operands));
  }

  /** Label keys as libcalico-go's tokenizer reads them: {@code [a-zA-Z0-9_./-]{1,512}}. */
  static boolean isKey(String key) {
    return key.length() >= 1 && key.length() <= 512 && key.chars().allMatch(CalicoSelector::isKeyChar);
  }

  static boolean isKeyChar(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '_' || c == '.' || c == '/' || c == '-';
  }

  private static void checkKey(String key) {
    Preconditions.checkArgument(key != null && isKey(key), "not a Calico label key: %s", key);
  }

  /** A literal is delimited by one kind of quote and has no escapes, so it cannot hold both kinds. */
  private static void checkLiteral(String value) {
    Preconditions.checkArgument(value != null && !(value.contains("'") && value.contains("\"")),
        "a Calico selector literal cannot contain both quote characters: %s", value);
  }

  /** Literals have no escapes: a value with a double quote is printed in single quotes. */
  private static String quote(String value) {
    return value.contains("\"") ? "'" + value + "'" : "\"" + value + "\"";
  }

  private static String set(ImmutableSortedSet<String> values) {
    return values.stream().map(CalicoSelector::quote).collect(Collectors.joining(", ", "{", "}"));
  }
}
