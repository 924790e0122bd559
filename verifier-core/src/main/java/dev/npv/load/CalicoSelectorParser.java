package dev.npv.load;

import com.google.common.collect.ImmutableSortedSet;
import dev.npv.model.CalicoSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hand-written recursive-descent parser for Calico's selector language, following libcalico-go's
 * {@code selector/tokenizer/tokenizer.go} and {@code selector/parser/parser.go} (Apache-2.0) token by
 * token, so that it accepts exactly what Calico's API server accepts:
 * <pre>
 *   selector   := "" | or EOF
 *   or         := and ("||" and)*
 *   and        := operation ("&amp;&amp;" operation)*
 *   operation  := "!"* ( "has(" key ")" | "all()" | "global()" | "(" or ")"
 *                      | key ("==" | "!=" | "contains" | "starts with" | "ends with") literal
 *                      | key ("in" | "not in") "{" [literal ("," literal)* [","]] "}" )
 *   literal    := '...' | "..."          (no escapes)
 *   key        := [a-zA-Z0-9_./-]+
 * </pre>
 * Whitespace is a space or a tab only (as in the tokenizer). Errors carry the 0-based offset in the
 * selector text where the problem starts, so the reader can point at the line and column in the file.
 */
public final class CalicoSelectorParser {
  /** A parse failure: where in the text (0-based), what, and how to fix it. */
  public record Error(int offset, String message, String hint) {
  }

  /** The outcome: exactly one of selector and error is present. */
  public record Result(Optional<CalicoSelector> selector, Optional<Error> error) {
    static Result ok(CalicoSelector s) {
      return new Result(Optional.of(s), Optional.empty());
    }

    static Result failed(Error e) {
      return new Result(Optional.empty(), Optional.of(e));
    }
  }

  private enum Kind { LABEL, STRING, LBRACE, RBRACE, COMMA, EQ, NE, IN, NOT, NOT_IN, CONTAINS, STARTS_WITH,
    ENDS_WITH, ALL, HAS, LPAREN, RPAREN, AND, OR, GLOBAL, EOF }

  private record Token(Kind kind, String value, int offset) {
  }

  /** Thrown inside the parser only; turned into a {@link Result} at the entry point. */
  private static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Error error;

    Failure(int offset, String message, String hint) {
      super(message, null, false, false);
      this.error = new Error(offset, message, hint);
    }
  }

  private static final String OPERATORS = "==, !=, in {...}, not in {...}, contains, starts with or ends with";

  private final List<Token> tokens;
  private int pos;

  private CalicoSelectorParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code text}; the empty (or blank) selector is {@code all()}, as in Calico. */
  public static Result parse(String text) {
    try {
      List<Token> tokens = tokenize(text);
      if (tokens.get(0).kind() == Kind.EOF) {
        return Result.ok(CalicoSelector.ALL);
      }
      CalicoSelectorParser p = new CalicoSelectorParser(tokens);
      CalicoSelector s = p.or();
      Token rest = p.peek();
      if (rest.kind() != Kind.EOF) {
        throw new Failure(rest.offset(), "unexpected " + describe(rest) + " after a complete expression",
            "join expressions with && or ||, and check the parentheses");
      }
      return Result.ok(s);
    } catch (Failure f) {
      return Result.failed(f.error);
    }
  }

  // ---- tokenizer (tokenizer.go) ----

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int identifierEnd(String s, int i) {
    int j = i;
    while (j < s.length() && CalicoSelector.isKeyChar(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private static List<Token> tokenize(String s) throws Failure {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (true) {
      i = skipSpace(s, i);
      if (i >= s.length()) {
        out.add(new Token(Kind.EOF, "", s.length()));
        return out;
      }
      boolean afterLabel = !out.isEmpty() && out.get(out.size() - 1).kind() == Kind.LABEL;
      char c = s.charAt(i);
      int start = i;
      switch (c) {
        case '(' -> {
          out.add(new Token(Kind.LPAREN, "(", start));
          i++;
        }
        case ')' -> {
          out.add(new Token(Kind.RPAREN, ")", start));
          i++;
        }
        case '{' -> {
          out.add(new Token(Kind.LBRACE, "{", start));
          i++;
        }
        case '}' -> {
          out.add(new Token(Kind.RBRACE, "}", start));
          i++;
        }
        case ',' -> {
          out.add(new Token(Kind.COMMA, ",", start));
          i++;
        }
        case '"', '\'' -> {
          int end = s.indexOf(c, i + 1);
          if (end < 0) {
            throw new Failure(start, "unterminated string literal", "close it with " + c
                + " (literals have no escapes; use the other quote character for a value containing " + c + ")");
          }
          out.add(new Token(Kind.STRING, s.substring(i + 1, end), start));
          i = end + 1;
        }
        case '=' -> {
          if (s.startsWith("==", i)) {
            out.add(new Token(Kind.EQ, "==", start));
            i += 2;
          } else {
            throw new Failure(start, "expected ==", "Calico selectors compare with == (a single = is not an operator)");
          }
        }
        case '!' -> {
          if (s.startsWith("!=", i)) {
            out.add(new Token(Kind.NE, "!=", start));
            i += 2;
          } else {
            out.add(new Token(Kind.NOT, "!", start));
            i++;
          }
        }
        case '&' -> {
          if (s.startsWith("&&", i)) {
            out.add(new Token(Kind.AND, "&&", start));
            i += 2;
          } else {
            throw new Failure(start, "expected &&", "conjunction is written &&");
          }
        }
        case '|' -> {
          if (s.startsWith("||", i)) {
            out.add(new Token(Kind.OR, "||", start));
            i += 2;
          } else {
            throw new Failure(start, "expected ||", "disjunction is written ||");
          }
        }
        default -> i = word(s, i, afterLabel, out);
      }
    }
  }

  /** Operators after a label, the has/all/global calls, or a label (the tokenizer's regex cases). */
  private static int word(String s, int i, boolean afterLabel, List<Token> out) throws Failure {
    int start = i;
    if (afterLabel) {
      String label = out.get(out.size() - 1).value();
      Failure noOperator = new Failure(start, "expected an operator after label '" + label + "'",
          "use one of " + OPERATORS);
      if (s.startsWith("contains", i)) {
        out.add(new Token(Kind.CONTAINS, "contains", start));
        return i + "contains".length();
      }
      for (String[] two : new String[][] {{"starts", "with"}, {"ends", "with"}, {"not", "in"}}) {
        if (s.startsWith(two[0], i)) {
          int j = skipSpace(s, i + two[0].length());
          if (!s.startsWith(two[1], j)) {
            throw noOperator;
          }
          Kind k = two[0].equals("starts") ? Kind.STARTS_WITH : two[0].equals("ends") ? Kind.ENDS_WITH : Kind.NOT_IN;
          out.add(new Token(k, two[0] + " " + two[1], start));
          return j + two[1].length();
        }
      }
      if (s.startsWith("in", i)) {
        out.add(new Token(Kind.IN, "in", start));
        return i + 2;
      }
      throw noOperator;
    }
    if (s.startsWith("has(", i)) {
      int j = skipSpace(s, i + 4);
      int end = identifierEnd(s, j);
      if (end == j) {
        throw new Failure(j, "no label name in has(", "write has(label-name)");
      }
      String key = s.substring(j, end);
      int k = skipSpace(s, end);
      if (k >= s.length() || s.charAt(k) != ')') {
        throw new Failure(k, "no closing ')' after has(" + key, "write has(" + key + ")");
      }
      out.add(new Token(Kind.HAS, key, start));
      return k + 1;
    }
    for (String call : new String[] {"all(", "global("}) {
      if (s.startsWith(call, i)) {
        int j = skipSpace(s, i + call.length());
        if (j >= s.length() || s.charAt(j) != ')') {
          throw new Failure(j, "no closing ')' after " + call, call + ") takes no arguments");
        }
        out.add(new Token(call.equals("all(") ? Kind.ALL : Kind.GLOBAL, call + ")", start));
        return j + 1;
      }
    }
    int end = identifierEnd(s, i);
    if (end == i) {
      throw new Failure(start, "unexpected character '" + s.charAt(i) + "'", "label names may contain letters,"
          + " digits, '_', '.', '/' and '-'; quote values with ' or \"");
    }
    out.add(new Token(Kind.LABEL, s.substring(i, end), start));
    return end;
  }

  // ---- parser (parser.go) ----

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private CalicoSelector or() throws Failure {
    List<CalicoSelector> operands = new ArrayList<>();
    operands.add(and());
    while (peek().kind() == Kind.OR) {
      next();
      operands.add(and());
    }
    return CalicoSelector.or(operands);
  }

  private CalicoSelector and() throws Failure {
    List<CalicoSelector> operands = new ArrayList<>();
    operands.add(operation());
    while (peek().kind() == Kind.AND) {
      next();
      operands.add(operation());
    }
    return CalicoSelector.and(operands);
  }

  private CalicoSelector operation() throws Failure {
    boolean negated = false; // leading '!'s collapse to one boolean, as in parser.go
    while (peek().kind() == Kind.NOT) {
      next();
      negated = !negated;
    }
    Token t = next();
    CalicoSelector s = switch (t.kind()) {
      case HAS -> new CalicoSelector.Has(t.value());
      case ALL -> new CalicoSelector.All();
      case GLOBAL -> new CalicoSelector.Global();
      case LABEL -> comparison(t);
      case LPAREN -> {
        CalicoSelector inner = or();
        Token close = next();
        if (close.kind() != Kind.RPAREN) {
          throw new Failure(close.offset(), "expected ) but found " + describe(close),
              "close the parenthesis opened at character " + (t.offset() + 1));
        }
        yield inner;
      }
      case EOF -> throw new Failure(t.offset(), "unexpected end of selector", "an expression is missing after "
          + "the last operator");
      default -> throw new Failure(t.offset(), "unexpected " + describe(t), "expected a label comparison, has(...),"
          + " all(), global() or a parenthesised expression");
    };
    return negated ? new CalicoSelector.Not(s) : s;
  }

  private CalicoSelector comparison(Token label) throws Failure {
    Token op = next();
    String key = label.value();
    switch (op.kind()) {
      case EQ, NE, CONTAINS, STARTS_WITH, ENDS_WITH -> {
        String value = literal(op);
        return switch (op.kind()) {
          case EQ -> new CalicoSelector.Equal(key, value);
          case NE -> new CalicoSelector.NotEqual(key, value);
          case CONTAINS -> new CalicoSelector.Contains(key, value);
          case STARTS_WITH -> new CalicoSelector.StartsWith(key, value);
          default -> new CalicoSelector.EndsWith(key, value);
        };
      }
      case IN, NOT_IN -> {
        Token open = next();
        if (open.kind() != Kind.LBRACE) {
          throw new Failure(open.offset(), "expected a set literal {...} after '" + op.value() + "'",
              "write " + key + " " + op.value() + " {'a', 'b'}");
        }
        List<String> values = new ArrayList<>();
        while (peek().kind() == Kind.STRING) {
          values.add(next().value());
          if (peek().kind() != Kind.COMMA) {
            break;
          }
          next();
        }
        Token close = next();
        if (close.kind() != Kind.RBRACE) {
          throw new Failure(close.offset(), "expected } but found " + describe(close),
              "set members are quoted strings separated by commas");
        }
        ImmutableSortedSet<String> set = ImmutableSortedSet.copyOf(values);
        return op.kind() == Kind.IN ? new CalicoSelector.In(key, set) : new CalicoSelector.NotIn(key, set);
      }
      default -> throw new Failure(op.offset(), "expected an operator after label '" + key + "' but found "
          + describe(op), "use one of " + OPERATORS);
    }
  }

  private String literal(Token op) throws Failure {
    Token v = next();
    if (v.kind() != Kind.STRING) {
      throw new Failure(v.offset(), "expected a quoted string after '" + op.value() + "' but found " + describe(v),
          v.kind() == Kind.LABEL ? "quote the value: '" + v.value() + "'" : "values are quoted with ' or \"");
    }
    return v.value();
  }

  private static String describe(Token t) {
    return switch (t.kind()) {
      case EOF -> "the end of the selector";
      case LABEL -> "label '" + t.value() + "'";
      case STRING -> "string '" + t.value() + "'";
      case HAS -> "has(" + t.value() + ")";
      default -> "'" + t.value() + "'";
    };
  }
}
