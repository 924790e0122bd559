package dev.npv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.npv.diag.SourceLocation;
import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.DecidingRule;
import dev.npv.verify.VerificationReport;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code npv check --format sarif}: SARIF 2.1.0 for code-scanning UIs. One run; three rules, one per
 * way an invariant can fail (violated, unknown, proven against a recorded VIOLATED); one result per
 * invariant that is not as expected, located at the invariant in its spec file, with relatedLocations
 * at the policy rules that let the traffic through (or the policies that isolate it). Mapping in
 * specs/check-report.md.
 */
public final class CheckSarifRenderer implements CheckRenderer {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The rules, in ruleIndex order; the index of each is its position here. */
  enum SarifRule {
    VIOLATED("npv/invariant-violated", "InvariantViolated", "error",
        "The invariant does not hold: a concrete connection breaks it."),
    UNKNOWN("npv/invariant-unknown", "InvariantUnknown", "warning",
        "The solver could not decide the invariant (timeout or resource limit)."),
    PROVEN("npv/verdict-not-as-expected", "VerdictNotAsExpected", "error",
        "The invariant holds, but the spec records a different expected verdict.");

    final String id;
    final String ruleName;
    final String level;
    final String text;

    SarifRule(String id, String ruleName, String level, String text) {
      this.id = id;
      this.ruleName = ruleName;
      this.level = level;
      this.text = text;
    }

    static SarifRule of(Verdict v) {
      return valueOf(v.name());
    }
  }

  @Override
  public String render(VerificationReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "npv");
    driver.put("semanticVersion", "0.1.0");
    ArrayNode rules = driver.putArray("rules");
    for (SarifRule r : SarifRule.values()) {
      ObjectNode n = rules.addObject();
      n.put("id", r.id);
      n.put("name", r.ruleName);
      n.putObject("shortDescription").put("text", r.text);
      n.putObject("defaultConfiguration").put("level", r.level);
    }
    ArrayNode results = run.putArray("results");
    for (CheckResult r : report.results()) {
      if (!r.passed()) {
        result(results.addObject(), r);
      }
    }
    run.put("columnKind", "unicodeCodePoints");
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void result(ObjectNode n, CheckResult r) {
    SarifRule rule = SarifRule.of(r.verdict());
    n.put("ruleId", rule.id);
    n.put("ruleIndex", rule.ordinal());
    n.put("level", rule.level);
    n.putObject("message").put("text", String.join("\n", ResultText.details(r)));
    location(n.putArray("locations").addObject(), r.location());
    r.counterexample().ifPresent(c -> related(n, c));
    // Stable identity across runs, so code scanning tracks one alert per invariant.
    n.putObject("partialFingerprints").put("npvInvariant/v1", r.specName() + "/" + r.name());
    ObjectNode p = n.putObject("properties");
    p.put("spec", r.specName());
    p.put("invariant", r.name());
    p.put("expect", r.expect().specName());
    p.put("world", r.world().name().toLowerCase(Locale.ROOT));
    p.put("verdict", r.verdict().name());
    p.put("expectedVerdict", ResultText.expected(r));
  }

  private static void related(ObjectNode n, Counterexample c) {
    List<DecidingRule> rules = c.rules().stream().filter(d -> d.location().isNamed()).toList();
    if (rules.isEmpty()) {
      return;
    }
    ArrayNode related = n.putArray("relatedLocations");
    for (int i = 0; i < rules.size(); i++) {
      ObjectNode l = related.addObject();
      l.put("id", i + 1);
      location(l, rules.get(i).location());
      l.putObject("message").put("text", rules.get(i).describe());
    }
  }

  /** A relative or absolute path as a URI reference: slashes, and percent-encoding outside URI characters. */
  static String uri(String path) {
    StringBuilder b = new StringBuilder();
    for (byte x : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~/:@!$&'()*+,;=".indexOf(c) >= 0)) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return b.toString();
  }

  private static void location(ObjectNode n, SourceLocation loc) {
    ObjectNode physical = n.putObject("physicalLocation");
    // The path exactly as given on the command line (relative stays relative), with URI slashes.
    physical.putObject("artifactLocation").put("uri", uri(loc.file()));
    if (loc.isKnown()) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", loc.line());
      if (loc.column() > 0) {
        region.put("startColumn", loc.column());
      }
    }
  }
}
