package dev.npv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.npv.diag.Severity;
import dev.npv.diag.SourceLocation;
import dev.npv.lint.LintFinding;
import dev.npv.lint.LintReport;
import java.io.UncheckedIOException;

/** {@code npv lint --format json}: findings as data, with a summary of counts per severity. */
public final class LintJsonRenderer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String render(LintReport report) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode findings = root.putArray("findings");
    for (LintFinding f : report.findings()) {
      ObjectNode n = findings.addObject();
      n.put("code", f.code());
      n.put("severity", f.severity().label());
      n.put("message", f.message());
      location(n.putObject("location"), f.location());
      ArrayNode related = n.putArray("related");
      f.related().forEach(r -> {
        ObjectNode rn = related.addObject();
        location(rn.putObject("location"), r.location());
        rn.put("message", r.message());
      });
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("errors", report.count(Severity.ERROR));
    summary.put("warnings", report.count(Severity.WARNING));
    summary.put("notes", report.count(Severity.NOTE));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void location(ObjectNode n, SourceLocation l) {
    n.put("file", l.file());
    if (l.isKnown()) {
      n.put("line", l.line());
      n.put("column", l.column());
    }
  }
}
