package dev.npv.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic (seeded) mutations of real fixtures into YAML-ish hostile text: character and byte
 * flips, truncation, duplicated/deleted/swapped lines, re-indentation, inserted anchors, aliases,
 * tags, merge keys, document markers, boundary scalars, deep nesting and random unicode. The same
 * seed always gives the same input, so a failure is reproducible from its seed alone.
 */
final class Mutator {
  private static final String YAML_CHARS = ":-[]{}&*!|>'\"#%@`,?\t\n ~.0123456789/\\";
  private static final List<String> SNIPPETS = List.of("&a ", "*a", "&b [1, 2]", "*b", "!!str ", "!!int ", "!!binary ",
      "!!map ", "!!seq ", "!foo ", "!!python/object:os.system ", "!<tag:yaml.org,2002:str> ", "<<: *a\n", "<<: {a: 1}\n",
      "\n---\n", "\n...\n", "%YAML 1.1\n---\n", "%TAG ! tag:x,2000:\n---\n", "? [a, b]\n: c\n", "? {a: 1}\n: x\n",
      "\"\\u0000\"", "\"a\\nb\"", "\"\\x85\"", "'it''s'", "|\n  text\n", ">-\n  folded\n", "~", "null", ".inf", "-.inf",
      ".nan", "0x1F", "0o17", "1e400", "99999999999999999999999", "-1", "0", "65535", "65536", "true", "yes", "on",
      "2001-12-14t21:59:43.10-05:00", "::", "fe80::1%eth0", "::ffff:10.0.0.1/128", "10.0.0.1/8", "\"80\"", "{}", "[]",
      "\t", "\uFEFF", "\u2028", "\u0085", "\uD83D\uDE00", "\uD800", "é", "\u0000", "\r\n", "\r", "# comment\n");
  private static final String BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";

  private Mutator() {
  }

  /** Applies 1..8 random mutations to one of {@code seeds}; the result is bytes (not always UTF-8). */
  static byte[] mutate(List<String> seeds, long seed) {
    Random r = new Random(seed);
    String text = seeds.get(r.nextInt(seeds.size()));
    int n = 1 + r.nextInt(8);
    boolean rawBytes = false;
    for (int i = 0; i < n; i++) {
      int op = r.nextInt(16);
      if (op == 15) {
        rawBytes = true; // applied last, on the encoded bytes
        continue;
      }
      text = apply(op, text, r);
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (rawBytes && bytes.length > 0) {
      bytes = Arrays.copyOf(bytes, bytes.length);
      for (int k = 1 + r.nextInt(4); k > 0; k--) {
        bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
      }
    }
    return bytes;
  }

  private static String apply(int op, String text, Random r) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int pos = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
    int line = r.nextInt(lines.size());
    switch (op) {
      case 0 -> { // replace one character with a YAML-significant one
        if (pos < text.length()) {
          return text.substring(0, pos) + YAML_CHARS.charAt(r.nextInt(YAML_CHARS.length())) + text.substring(pos + 1);
        }
        return text;
      }
      case 1 -> {
        return text.substring(0, pos); // truncation
      }
      case 2 -> lines.add(r.nextInt(lines.size() + 1), lines.get(line)); // duplicated line
      case 3 -> lines.remove(line);
      case 4 -> {
        int other = r.nextInt(lines.size());
        String tmp = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, tmp);
      }
      case 5 -> lines.set(line, " ".repeat(r.nextInt(5)) + lines.get(line).stripLeading()); // re-indent
      case 6, 7, 8 -> {
        return text.substring(0, pos) + SNIPPETS.get(r.nextInt(SNIPPETS.size())) + text.substring(pos);
      }
      case 9 -> { // replace a value after ": " with a snippet (anchors, aliases, boundary scalars)
        String l = lines.get(line);
        int colon = l.indexOf(": ");
        if (colon >= 0) {
          lines.set(line, l.substring(0, colon + 2) + SNIPPETS.get(r.nextInt(SNIPPETS.size())));
        }
      }
      case 10 -> { // random unicode, including controls and unpaired surrogates
        StringBuilder sb = new StringBuilder();
        for (int k = 1 + r.nextInt(6); k > 0; k--) {
          sb.append((char) (r.nextInt(4) == 0 ? r.nextInt(0x20) : r.nextInt(0x10000)));
        }
        return text.substring(0, pos) + sb + text.substring(pos);
      }
      case 11 -> {
        int depth = 1 + r.nextInt(r.nextBoolean() ? 40 : 400);
        String open = r.nextBoolean() ? "[" : "{a: ";
        String close = open.equals("[") ? "]" : "}";
        return text.substring(0, pos) + open.repeat(depth) + "x" + close.repeat(r.nextInt(depth + 1))
            + text.substring(pos);
      }
      case 12 -> {
        return r.nextBoolean() ? BOMB + text : text + "\n" + BOMB;
      }
      case 13 -> { // tab indentation
        String l = lines.get(line);
        lines.set(line, "\t" + l.stripLeading());
      }
      case 14 -> { // a huge scalar
        String l = lines.get(line);
        lines.set(line, l + "x".repeat(r.nextInt(100_000)));
      }
      default -> throw new IllegalArgumentException("op " + op);
    }
    return String.join("\n", lines);
  }
}
