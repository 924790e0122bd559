package dev.npv.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.load.YNode.ScalarType;
import dev.npv.load.YNode.YMap;
import dev.npv.load.YNode.YScalar;
import dev.npv.load.YNode.YSeq;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strict, typed access to the fields of one YAML mapping that stands for an API type (for example
 * "NetworkPolicyPeer"). This is the one place that says "expected a string, got a boolean" and
 * "unknown field". A field whose value is YAML null counts as absent, as in the API's JSON decoding.
 */
public final class Fields {
  private final YMap map;
  private final String type;
  private final Diagnostics diags;
  /** Where "missing field" errors point: the key that holds this mapping, when known. */
  private final SourceLocation anchor;

  private Fields(YMap map, String type, Diagnostics diags, SourceLocation anchor) {
    this.map = map;
    this.type = type;
    this.diags = diags;
    this.anchor = anchor;
  }

  /** The node as a mapping of API type {@code type}; a type error (and empty) otherwise. */
  public static Optional<Fields> of(YNode node, String type, Diagnostics diags) {
    if (node instanceof YMap m) {
      return Optional.of(new Fields(m, type, diags, m.location()));
    }
    diags.error(Codes.TYPE, node.location(), "expected a mapping (" + type + "), got " + node.typeName()
        + MAPPING_FIX);
    return Optional.empty();
  }

  private static final String MAPPING_FIX = " (write 'key: value' lines indented below it, or {key: value})";

  public YMap map() {
    return map;
  }

  public String type() {
    return type;
  }

  public Diagnostics diags() {
    return diags;
  }

  public SourceLocation location() {
    return map.location();
  }

  /** Reports every key not in {@code known} as an unknown field; returns this for chaining. */
  public Fields known(Set<String> known) {
    return known(known, ImmutableMap.of());
  }

  /**
   * As {@link #known(Set)}, with hints for keys that are known to be misplaced (the classic mistakes),
   * e.g. {@code ports -> "did you mean to put 'ports' at the rule level?"}.
   */
  public Fields known(Set<String> known, Map<String, String> hints) {
    for (YNode.Entry e : map.entries()) {
      if (known.contains(e.key())) {
        continue;
      }
      String hint = hints.containsKey(e.key()) ? " (" + hints.get(e.key()) + ")"
          : closest(e.key(), known).map(k -> " (did you mean '" + k + "'?)")
              .orElse(" (remove it: the API server refuses unknown fields)");
      diags.error(Codes.UNKNOWN_FIELD, e.keyLocation(),
          "unknown field '" + e.key() + "' in " + type + hint);
    }
    return this;
  }

  public boolean has(String key) {
    return node(key).isPresent();
  }

  /** The value of {@code key}; empty when absent or null. */
  public Optional<YNode> node(String key) {
    return map.get(key).filter(n -> !(n instanceof YScalar s && s.isNull()));
  }

  /** Like {@link #node}, but reports a missing required field. */
  public Optional<YNode> require(String key) {
    Optional<YNode> n = node(key);
    if (n.isEmpty()) {
      diags.error(Codes.MISSING_FIELD, map.entry(key).map(YNode.Entry::keyLocation).orElse(anchor),
          "missing required field '" + key + "' in " + type + " (add '" + key + ":' to it)");
    }
    return n;
  }

  public SourceLocation keyLocation(String key) {
    return map.entry(key).map(YNode.Entry::keyLocation).orElse(location());
  }

  public SourceLocation valueLocation(String key) {
    return map.get(key).map(YNode::location).orElse(location());
  }

  public Optional<String> string(String key) {
    return node(key).flatMap(n -> asString(n, what(key), diags));
  }

  public Optional<String> requireString(String key) {
    return require(key).flatMap(n -> asString(n, what(key), diags));
  }

  public Optional<Integer> integer(String key) {
    return node(key).flatMap(n -> asInteger(n, what(key), diags));
  }

  public Optional<Boolean> bool(String key) {
    return node(key).flatMap(n -> asBool(n, what(key), diags));
  }

  public Optional<ImmutableList<YNode>> list(String key) {
    return node(key).flatMap(n -> asList(n, what(key), diags));
  }

  /** Like {@link #object}, but reports a missing required field. */
  public Optional<Fields> requireObject(String key, String objectType) {
    require(key);
    return object(key, objectType);
  }

  public Optional<Fields> object(String key, String objectType) {
    return node(key).flatMap(n -> {
      if (n instanceof YMap m) {
        return Optional.of(new Fields(m, objectType, diags, keyLocation(key)));
      }
      diags.error(Codes.TYPE, n.location(),
          "expected a mapping (" + objectType + ") for " + what(key) + ", got " + n.typeName() + MAPPING_FIX);
      return Optional.empty();
    });
  }

  private String what(String key) {
    return "'" + key + "' in " + type;
  }

  /** A string scalar. Unquoted numbers and booleans are rejected, as the API's JSON decoding does. */
  public static Optional<String> asString(YNode n, String what, Diagnostics diags) {
    if (n instanceof YScalar s && s.type() == ScalarType.STRING) {
      return Optional.of(s.text());
    }
    String hint = n instanceof YScalar s && s.type() != ScalarType.NULL
        ? " (quote it: \"" + s.text() + "\")" : " (write a single string value)";
    diags.error(Codes.TYPE, n.location(), "expected a string for " + what + ", got " + n.typeName() + hint);
    return Optional.empty();
  }

  public static Optional<Integer> asInteger(YNode n, String what, Diagnostics diags) {
    if (n instanceof YScalar s && s.type() == ScalarType.INT) {
      try {
        if (!s.text().matches("[-+]?(0|[1-9][0-9_]*)")) {
          return otherNotation(s, what, diags);
        }
        return Optional.of(Integer.parseInt(s.text().replace("_", "").replaceFirst("^\\+", "")));
      } catch (NumberFormatException e) {
        diags.error(Codes.TYPE, n.location(), "expected a decimal 32-bit integer for " + what
            + ", got '" + s.text() + "'");
        return Optional.empty();
      }
    }
    String hint = n instanceof YScalar s && s.type() == ScalarType.STRING && s.text().trim().matches("[0-9]+")
        ? " (remove the quotes)" : " (write a decimal number)";
    diags.error(Codes.TYPE, n.location(), "expected an integer for " + what + ", got " + n.typeName() + hint);
    return Optional.empty();
  }

  /**
   * A YAML 1.1 integer in hexadecimal ({@code 0x50}), binary ({@code 0b1}) or octal ({@code 017}):
   * kubectl's YAML reader (go-yaml, Go's base-prefix rules) sends the API server that number, so it is
   * accepted, with a warning naming the decimal value. Sexagesimal ({@code 1:20}) is a string to kubectl,
   * which the API server refuses for an integer field.
   */
  private static Optional<Integer> otherNotation(YScalar s, String what, Diagnostics diags) {
    String t = s.text().replace("_", "");
    boolean negative = t.startsWith("-");
    String digits = t.replaceFirst("^[-+]", "");
    int radix = digits.matches("0[xX][0-9a-fA-F]+") ? 16 : digits.matches("0[bB][01]+") ? 2
        : digits.matches("0[0-7]+") ? 8 : 0;
    if (radix == 0) {
      diags.error(Codes.TYPE, s.location(), "expected a decimal integer for " + what + ", got '" + s.text()
          + "' (YAML 1.1 sexagesimal; kubectl sends it as a string: write the number in decimal)");
      return Optional.empty();
    }
    int value = Integer.parseInt((negative ? "-" : "") + digits.substring(radix == 8 ? 1 : 2), radix);
    diags.warning(Codes.INT_NOTATION, s.location(), "'" + s.text() + "' for " + what + " is "
        + (radix == 16 ? "hexadecimal" : radix == 2 ? "binary" : "octal") + " in YAML, so kubectl sends " + value
        + "; write " + value + " if that is meant");
    return Optional.of(value);
  }

  public static Optional<Boolean> asBool(YNode n, String what, Diagnostics diags) {
    if (n instanceof YScalar s && s.type() == ScalarType.BOOL) {
      String t = s.text().toLowerCase(Locale.ROOT);
      return Optional.of(t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y"));
    }
    diags.error(Codes.TYPE, n.location(), "expected a boolean for " + what + ", got " + n.typeName()
        + " (write true or false, unquoted)");
    return Optional.empty();
  }

  public static Optional<ImmutableList<YNode>> asList(YNode n, String what, Diagnostics diags) {
    if (n instanceof YSeq s) {
      return Optional.of(s.items());
    }
    diags.error(Codes.TYPE, n.location(), "expected a list for " + what + ", got " + n.typeName()
        + " (write '- item' lines, or [item, ...]" + (n instanceof YMap ? "; a single item goes on a '- ' line" : "")
        + ")");
    return Optional.empty();
  }

  /** The known key nearest to a misspelt one (edit distance at most 2), for "did you mean". */
  static Optional<String> closest(String key, Set<String> known) {
    return known.stream()
        .filter(k -> distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2)
        .min(Comparator.comparingInt((String k) -> distance(k, key)).thenComparing(k -> k));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
