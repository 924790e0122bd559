package dev.npv.smt;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The finite abstraction of one kind of label map (pod labels or namespace labels): for each key that
 * any selector mentions, the values that matter, coded as integers. Code 0 is ABSENT (the key is not
 * set), code 1 is OTHER (some value no selector names), codes 2.. are the listed values. Keys no
 * selector mentions cannot change any match and are left out. Plain Java: no solver types here.
 */
final class ValueDomain {
  static final int ABSENT = 0;
  static final int OTHER = 1;

  private final ImmutableSortedMap<String, ImmutableList<String>> valuesByKey;
  private final ImmutableMap<String, ImmutableMap<String, Integer>> codes;

  private ValueDomain(SortedMap<String, SortedSet<String>> values) {
    ImmutableSortedMap.Builder<String, ImmutableList<String>> vb = ImmutableSortedMap.naturalOrder();
    ImmutableMap.Builder<String, ImmutableMap<String, Integer>> cb = ImmutableMap.builder();
    values.forEach((k, vs) -> {
      ImmutableList<String> list = ImmutableList.copyOf(vs);
      vb.put(k, list);
      ImmutableMap.Builder<String, Integer> c = ImmutableMap.builder();
      for (int i = 0; i < list.size(); i++) {
        c.put(list.get(i), i + 2);
      }
      cb.put(k, c.buildOrThrow());
    });
    this.valuesByKey = vb.buildOrThrow();
    this.codes = cb.buildOrThrow();
  }

  ImmutableSortedSet<String> keys() {
    return valuesByKey.keySet();
  }

  /** The largest code used for {@code key}. */
  int maxCode(String key) {
    return valuesByKey.get(key).size() + 1;
  }

  boolean hasKey(String key) {
    return valuesByKey.containsKey(key);
  }

  /** The code of a concrete value: its own code if listed, else OTHER. */
  int code(String key, String value) {
    Integer c = codes.get(key).get(value);
    return c == null ? OTHER : c;
  }

  /** The code a concrete label map gives {@code key}. */
  int codeOf(String key, Map<String, String> labels) {
    String v = labels.get(key);
    return v == null ? ABSENT : code(key, v);
  }

  /** The value of a code; OTHER becomes a fresh valid label value that no selector names. */
  Optional<String> value(String key, int code) {
    if (code == ABSENT) {
      return Optional.empty();
    }
    if (code == OTHER) {
      String candidate = "npv-other";
      for (int i = 2; valuesByKey.get(key).contains(candidate); i++) {
        candidate = "npv-other-" + i;
      }
      return Optional.of(candidate);
    }
    return Optional.of(valuesByKey.get(key).get(code - 2));
  }

  /** Collects keys and values while scanning selectors and known objects. */
  static final class Builder {
    private final SortedMap<String, SortedSet<String>> values = new TreeMap<>();

    Builder key(String key) {
      values.computeIfAbsent(key, k -> new TreeSet<>());
      return this;
    }

    Builder value(String key, String value) {
      key(key).values.get(key).add(value);
      return this;
    }

    /** Adds a known object's labels, but only for keys some selector mentions. */
    Builder knownLabels(Map<String, String> labels) {
      labels.forEach((k, v) -> {
        if (values.containsKey(k)) {
          values.get(k).add(v);
        }
      });
      return this;
    }

    ValueDomain build() {
      return new ValueDomain(values);
    }
  }
}
