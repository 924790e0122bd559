package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.model.CalicoSelector;
import dev.npv.model.CalicoSelector.And;
import dev.npv.model.CalicoSelector.Has;
import dev.npv.model.CalicoSelector.In;
import dev.npv.model.CalicoSelector.Not;
import dev.npv.model.CalicoSelector.Or;
import dev.npv.model.CalicoSelector.StartsWith;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Calico selector grammar. Cases transcribed from Calico, Apache License 2.0, Copyright Tigera, Inc.:
 * <ul>
 *   <li>the selector reference page (calico docs, "Selectors": the table of operators and the precedence
 *       example);</li>
 *   <li>projectcalico/api {@code NetworkPolicySpec.Selector} doc comment examples;</li>
 *   <li>libcalico-go {@code lib/selector/parser/parser_test.go}: {@code selectorTests} (match / non-match
 *       label maps), {@code badSelectors} and {@code canonicalisationTests}.</li>
 * </ul>
 */
class CalicoSelectorParserTest {

  private static CalicoSelector parse(String text) {
    CalicoSelectorParser.Result r = CalicoSelectorParser.parse(text);
    assertTrue(r.error().isEmpty(), () -> text + ": " + r.error());
    return r.selector().orElseThrow();
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** selector, labels it matches, labels it does not match (parser_test.go selectorTests). */
  static Stream<Arguments> libcalicoCases() {
    return Stream.of(
        Arguments.of("a == \"b\"", List.of(labels("a", "b"), labels("a", "b", "c", "d")),
            List.of(labels(), labels("a", "c"), labels("c", "d"))),
        Arguments.of("a == \"b\" && c == \"d\"", List.of(labels("a", "b", "c", "d")),
            List.of(labels(), labels("a", "b", "c", "e"), labels("a", "c", "c", "d"), labels("c", "d"),
                labels("a", "b"))),
        Arguments.of("a == \"b\" || c == \"d\"", List.of(labels("a", "b", "c", "d"), labels("a", "b"),
            labels("c", "d")), List.of(labels(), labels("a", "e", "c", "e"), labels("c", "e"), labels("a", "e"))),
        Arguments.of("a in {\"'\", '\"', \"c\"}", List.of(labels("a", "c"), labels("a", "\""), labels("a", "'")),
            List.of(labels(), labels("a", "e"))),
        Arguments.of("a not in {\"'\", '\"', \"c\"}", List.of(labels(), labels("a", "e")),
            List.of(labels("a", "c"), labels("a", "\""), labels("a", "'"))),
        Arguments.of("a == 'a'", List.of(labels("a", "a")), List.of(labels("a", "b"), labels())),
        Arguments.of("a == \"a\"", List.of(labels("a", "a")), List.of()),
        Arguments.of("a != \"b\"", List.of(labels("a", "a")), List.of()),
        Arguments.of("a != \"a\"", List.of(labels()), List.of(labels("a", "a"))),
        Arguments.of("a != 'a'", List.of(), List.of(labels("a", "a"))),
        Arguments.of("a contains \"a\"", List.of(labels("a", "a"), labels("a", "bab"), labels("a", "aaa", "b", "c")),
            List.of(labels(), labels("a", "b"), labels("b", "aaa"))),
        Arguments.of("a starts with \"a\"", List.of(labels("a", "a"), labels("a", "abb"),
            labels("a", "aaa", "b", "c")), List.of(labels(), labels("a", "b"), labels("a", "baa"), labels("b", "aaa"))),
        Arguments.of("a ends with \"a\"", List.of(labels("a", "a"), labels("a", "bba"), labels("a", "aaa", "b", "c")),
            List.of(labels(), labels("a", "b"), labels("a", "aab"), labels("b", "aaa"))),
        Arguments.of("a in {\"a\"}", List.of(labels("a", "a")), List.of(labels("a", "b"))),
        Arguments.of("!a in {\"a\"}", List.of(labels("a", "b")), List.of()),
        Arguments.of("a in {\"a\", \"b\"}", List.of(labels("a", "a"), labels("a", "b")), List.of(labels("a", "c"))),
        Arguments.of("a not in {\"d\", \"e\"}", List.of(labels("a", "a")), List.of()),
        Arguments.of("a not in {\"a\"}", List.of(), List.of(labels("a", "a"))),
        Arguments.of("has(a)", List.of(labels("a", "b")), List.of()),
        Arguments.of("has(b)", List.of(), List.of(labels("a", "b"))),
        Arguments.of("!has(a)", List.of(labels("b", "b")), List.of(labels("a", "b"))),
        Arguments.of("", List.of(labels(), labels("a", "b")), List.of()),
        Arguments.of(" ", List.of(labels()), List.of()),
        Arguments.of("all()", List.of(labels()), List.of()),
        Arguments.of(" all()", List.of(labels(), labels("a", "b")), List.of()),
        Arguments.of("global()", List.of(labels()), List.of()),
        Arguments.of(" global()", List.of(labels(), labels("a", "b")), List.of()),
        Arguments.of("!!has(b)", List.of(), List.of(labels("a", "b"))),
        Arguments.of("! has(a)", List.of(), List.of(labels("a", "b"))),
        Arguments.of("!!! has(a)", List.of(), List.of(labels("a", "b"))),
        Arguments.of("!!!has(a)", List.of(), List.of(labels("a", "b"))),
        Arguments.of("!! ! has(a)", List.of(), List.of(labels("a", "b"))),
        Arguments.of("! !!has(a)", List.of(), List.of(labels("a", "b"))),
        Arguments.of("a == 'a1' && b == 'b1'", List.of(labels("a", "a1", "b", "b1")), List.of()),
        Arguments.of("a == 'a1' && b != 'b1'", List.of(), List.of(labels("a", "a1", "b", "b1"))),
        Arguments.of("a != 'a1' && b == 'b1'", List.of(), List.of(labels("a", "a1", "b", "b1"))),
        Arguments.of("a != 'a1' && b != 'b1'", List.of(), List.of(labels("a", "a1", "b", "b1"))),
        Arguments.of("a != 'a1' && !b == 'b1'", List.of(), List.of(labels("a", "a1", "b", "b1"))),
        Arguments.of("!a == 'a1' && b == 'b1'", List.of(), List.of(labels("a", "a1", "b", "b1"))),
        Arguments.of("has(a) && !has(b)", List.of(labels("a", "a")), List.of()),
        Arguments.of("!has(b) && has(a)", List.of(labels("a", "a")), List.of()),
        Arguments.of("!(!has(a) || has(b))", List.of(labels("a", "a")), List.of()),
        Arguments.of("!(has(b) || !has(a))", List.of(labels("a", "a")), List.of()),
        Arguments.of("a == 'a1' || b == 'b1'", List.of(labels("a", "a1", "b", "b1")), List.of()),
        Arguments.of("a == 'a1' || b != 'b1'", List.of(labels("a", "a1", "b", "b1")), List.of()),
        Arguments.of("a != 'a1' || b == 'b1'", List.of(labels("a", "a1", "b", "b1")), List.of()),
        Arguments.of("a != 'a1' || b != 'b1'", List.of(), List.of(labels("a", "a1", "b", "b1"))),
        Arguments.of("! a == 'a1' || ! b == 'b1'", List.of(), List.of(labels("a", "a1", "b", "b1"))));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("libcalicoCases")
  void matchesAsLibcalicoGoEvaluatesAlsoAfterCanonicalising(String text, List<Map<String, String>> matches,
                                                            List<Map<String, String>> nonMatches) {
    CalicoSelector s = parse(text);
    CalicoSelector again = parse(s.toString());
    assertEquals(s, again, "the canonical form parses back to the same selector");
    for (Map<String, String> l : matches) {
      assertTrue(s.matches(l), text + " matches " + l);
      assertTrue(again.matches(l));
    }
    for (Map<String, String> l : nonMatches) {
      assertFalse(s.matches(l), text + " does not match " + l);
      assertFalse(again.matches(l));
    }
  }

  /** parser_test.go badSelectors, each refused. */
  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"b == b", "b contains b", "b starts with b", "b ends with b", "'b1' == b", "b", "a b", "!",
      "foo == \"bar\" &", "foo == \"bar\" |", "foo != ||", "foo in {\"\", ||", "foo in \"\"", "\"FOO", "\"FOO'",
      "'FOO", "(", "(a == \"foo\"", ")", "()", "%", "a == \"b\" && %", "a == \"b\" || %", "a ", "has(foo) &&"})
  void refusesLibcalicoGoBadSelectors(String text) {
    assertTrue(CalicoSelectorParser.parse(text).error().isPresent(), text);
  }

  /** parser_test.go canonicalisationTests: the canonical text, and that it round-trips. */
  @ParameterizedTest(name = "[{0}] -> {1}")
  @MethodSource("canonical")
  void canonicalisesAsLibcalicoGo(String input, String expected) {
    CalicoSelector s = parse(input);
    assertEquals(expected, s.toString());
    assertEquals(expected, parse(expected).toString());
  }

  static Stream<Arguments> canonical() {
    return Stream.of(
        Arguments.of("", "all()"), Arguments.of(" all() ", "all()"), Arguments.of(" (all() )", "all()"),
        Arguments.of("! (has( b)||! has(a ))", "!(has(b) || !has(a))"),
        Arguments.of("! (a == \"b\"&&! c != \"d\")", "!(a == \"b\" && !c != \"d\")"),
        Arguments.of("a == \"'\"", "a == \"'\""), Arguments.of("a == '\"'", "a == '\"'"),
        Arguments.of("a contains '\"'", "a contains '\"'"), Arguments.of("a contains \"'\"", "a contains \"'\""),
        Arguments.of("a startswith '\"'", "a starts with '\"'"), Arguments.of("a endswith \"'\"", "a ends with \"'\""),
        Arguments.of("a!='\"'", "a != '\"'"), Arguments.of("a in {\"d\"}", "a in {\"d\"}"),
        Arguments.of("a in {\"d\", \"a\", \"b\"}", "a in {\"a\", \"b\", \"d\"}"),
        Arguments.of("a in {\"z\", \"z\", \"x\", \"y\", \"x\", \"a\"}", "a in {\"a\", \"x\", \"y\", \"z\"}"),
        // parser_test.go Visitor table, without the prefix.
        Arguments.of("!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))",
            "!(!((k == \"v\" && has(t)) || all()) && a in {\"b\", \"c\"})"));
  }

  /** The reference page's table: one case per operator, with its documented meaning. */
  @Test
  void referencePageOperatorTable() {
    Map<String, String> kv = labels("k", "v");
    Map<String, String> other = labels("k", "w");
    Map<String, String> none = labels();
    assertTrue(parse("all()").matches(none));
    assertFalse(parse("!all()").matches(kv), "combine all() with ! to match no resources");
    assertTrue(parse("k == 'v'").matches(kv));
    assertFalse(parse("k == 'v'").matches(none));
    // "Matches resources without label 'k' or with label 'k' and value not equal to v"
    assertTrue(parse("k != 'v'").matches(none));
    assertTrue(parse("k != 'v'").matches(other));
    assertFalse(parse("k != 'v'").matches(kv));
    assertTrue(parse("has(k)").matches(other));
    assertTrue(parse("!has(k)").matches(none));
    assertFalse(parse("!has(k)").matches(kv));
    assertTrue(parse("k in { 'v1', 'v2' }").matches(labels("k", "v2")));
    assertFalse(parse("k in { 'v1', 'v2' }").matches(none));
    // "Matches resources without label 'k' or with label 'k' and value not in the given set"
    assertTrue(parse("k not in { 'v1', 'v2' }").matches(none));
    assertTrue(parse("k not in { 'v1', 'v2' }").matches(kv));
    assertFalse(parse("k not in { 'v1', 'v2' }").matches(labels("k", "v1")));
    assertTrue(parse("k contains 's'").matches(labels("k", "ass")));
    assertFalse(parse("k contains 's'").matches(none));
    assertTrue(parse("k starts with 's'").matches(labels("k", "sv")));
    assertFalse(parse("k starts with 's'").matches(labels("k", "vs")));
    assertTrue(parse("k ends with 's'").matches(labels("k", "vs")));
    assertFalse(parse("k ends with 's'").matches(labels("k", "sv")));
    assertTrue(parse("global()").matches(none));
  }

  /** The reference page's precedence example and its bracketing. */
  @Test
  void referencePagePrecedenceExample() {
    CalicoSelector s = parse("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}");
    assertEquals(new Or(ImmutableList.of(new Not(new Has("my-label")), new And(ImmutableList.of(
        new StartsWith("my-label", "prod"), new In("role", ImmutableSortedSet.of("frontend", "business")))))), s);
    assertTrue(s.matches(labels()), "any resource without my-label");
    assertTrue(s.matches(labels("my-label", "prod-1", "role", "business")));
    assertFalse(s.matches(labels("my-label", "prod-1", "role", "db")));
    assertFalse(s.matches(labels("my-label", "dev", "role", "frontend")));
  }

  /** projectcalico/api NetworkPolicySpec.Selector examples. */
  @Test
  void apiDocCommentExamples() {
    assertTrue(parse("type == \"webserver\" && deployment == \"prod\"").matches(labels("type", "webserver",
        "deployment", "prod")));
    assertTrue(parse("type in {\"frontend\", \"backend\"}").matches(labels("type", "backend")));
    assertTrue(parse("deployment != \"dev\"").matches(labels()));
    assertTrue(parse("! has(label_name)").matches(labels("other", "x")));
    assertTrue(parse("my_label == \"foo bar\"").matches(labels("my_label", "foo bar")));
    assertTrue(parse("projectcalico.org/name == 'ns-a' && pcsa.team ends with '-dev'")
        .matches(labels("projectcalico.org/name", "ns-a", "pcsa.team", "web-dev")));
  }

  @Test
  void emptySetsAndTrailingCommaParseAsLibcalicoGo() {
    assertFalse(parse("a in {}").matches(labels("a", "x")));
    assertTrue(parse("a not in {}").matches(labels()));
    assertEquals(parse("a in {'x'}"), parse("a in {'x',}"));
  }

  /** Each error names the character it starts at (0-based offset into the selector). */
  @ParameterizedTest(name = "[{0}] at {1}")
  @MethodSource("errors")
  void errorsPointAtTheOffendingCharacter(String text, int offset, String messagePart) {
    CalicoSelectorParser.Error e = CalicoSelectorParser.parse(text).error().orElseThrow();
    assertEquals(offset, e.offset(), e.toString());
    assertTrue(e.message().contains(messagePart), e.message());
    assertFalse(e.hint().isBlank());
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("app = 'web'", 4, "expected =="),
        Arguments.of("app == web", 7, "expected a quoted string"),
        Arguments.of("app == 'web", 7, "unterminated"),
        Arguments.of("a == 'b' & c == 'd'", 9, "expected &&"),
        Arguments.of("a == 'b' | c == 'd'", 9, "expected ||"),
        Arguments.of("a is 'b'", 2, "expected an operator after label 'a'"),
        Arguments.of("a starts 'b'", 2, "expected an operator"),
        Arguments.of("a not 'b'", 2, "expected an operator"),
        Arguments.of("has()", 4, "no label name"),
        Arguments.of("has(a b)", 6, "no closing ')'"),
        Arguments.of("all(x)", 4, "no closing ')'"),
        Arguments.of("global(", 7, "no closing ')'"),
        Arguments.of("(a == 'b'", 9, "expected )"),
        Arguments.of("a in 'b'", 5, "expected a set literal"),
        Arguments.of("a in {'b' 'c'}", 10, "expected }"),
        Arguments.of("a == 'b' && ", 12, "unexpected end"),
        Arguments.of("a == 'b' c == 'd'", 9, "after a complete expression"),
        Arguments.of("a == 'b' && %", 12, "unexpected character '%'"),
        Arguments.of("&& a == 'b'", 0, "unexpected '&&'"),
        Arguments.of("a == 'b'\n", 8, "unexpected character"));
  }
}
