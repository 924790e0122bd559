package dev.npv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.npv.diag.Severity;
import dev.npv.diag.SourceLocation;
import dev.npv.lint.LintCode;
import dev.npv.lint.LintFinding;
import dev.npv.lint.LintReport;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code npv lint --format sarif}: SARIF 2.1.0, shaped like {@link CheckSarifRenderer}'s output. One
 * rule per lint code (its id is the code); one result per finding, with relatedLocations.
 */
public final class LintSarifRenderer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String render(LintReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", CheckSarifRenderer.SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "npv");
    driver.put("semanticVersion", "0.1.0");
    ArrayNode rules = driver.putArray("rules");
    for (LintCode code : LintCode.values()) {
      ObjectNode n = rules.addObject();
      n.put("id", code.id());
      n.putObject("shortDescription").put("text", code.summary());
    }
    ArrayNode results = run.putArray("results");
    for (LintFinding f : report.findings()) {
      ObjectNode n = results.addObject();
      n.put("ruleId", f.code());
      n.put("ruleIndex", LintCode.byId(f.code()).orElseThrow().ordinal());
      n.put("level", level(f.severity()));
      n.putObject("message").put("text", f.message());
      location(n.putArray("locations").addObject(), f.location());
      if (!f.related().isEmpty()) {
        ArrayNode related = n.putArray("relatedLocations");
        List<LintFinding.Related> rs = f.related();
        for (int i = 0; i < rs.size(); i++) {
          ObjectNode l = related.addObject();
          l.put("id", i + 1);
          location(l, rs.get(i).location());
          l.putObject("message").put("text", rs.get(i).message());
        }
      }
      // Stable identity across runs: the code and the message name the object, not its line.
      n.putObject("partialFingerprints").put("npvLint/v1", f.code() + ":" + f.message());
    }
    run.put("columnKind", "unicodeCodePoints");
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "note";
    };
  }

  private static void location(ObjectNode n, SourceLocation loc) {
    ObjectNode physical = n.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", CheckSarifRenderer.uri(loc.file()));
    if (loc.isKnown()) {
      ObjectNode region = physical.putObject("region");
      region.put("startLine", loc.line());
      if (loc.column() > 0) {
        region.put("startColumn", loc.column());
      }
    }
  }
}
