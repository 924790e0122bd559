package dev.npv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.npv.diag.Diagnostic;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.EndpointView;
import dev.npv.verify.VerificationReport;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code npv check --format json}: {@code {"schemaVersion", "results": [{"name", "verdict",
 * "durationMs", "counterexample": {"source", "destination", "protocol", "port", "explanation"}}],
 * "diagnostics": [...]}}, documented in specs/check-report.md.
 */
public final class CheckJsonRenderer implements CheckRenderer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String render(VerificationReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", "npv.dev/check/v1");
    ArrayNode results = root.putArray("results");
    for (CheckResult r : report.results()) {
      ObjectNode n = results.addObject();
      n.put("spec", r.specName());
      n.put("name", r.name());
      n.put("expect", r.expect().specName());
      n.put("world", r.world().name().toLowerCase());
      n.put("verdict", r.verdict().name());
      r.expectedVerdict().ifPresent(v -> n.put("expectedVerdict", v.name()));
      n.put("passed", r.passed());
      n.put("durationMs", r.durationMillis());
      if (!r.reason().isEmpty()) {
        n.put("reason", r.reason());
      }
      ArrayNode warnings = n.putArray("warnings");
      r.warnings().forEach(warnings::add);
      n.put("location", r.location().toString());
      r.counterexample().ifPresent(c -> counterexample(n.putObject("counterexample"), c));
      r.proofBasis().ifPresent(b -> {
        ArrayNode basis = n.putArray("proofBasis");
        b.forEach(basis::add);
      });
    }
    ArrayNode diags = root.putArray("diagnostics");
    for (Diagnostic d : report.diagnostics()) {
      diagnostic(diags.addObject(), d);
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void diagnostic(ObjectNode n, Diagnostic d) {
    n.put("severity", d.severity().label());
    n.put("code", d.code());
    n.put("message", d.message());
    n.put("file", d.location().file());
    n.put("line", d.location().line());
    n.put("column", d.location().column());
  }

  private static void counterexample(ObjectNode n, Counterexample c) {
    endpoint(n.putObject("source"), c.source());
    endpoint(n.putObject("destination"), c.destination());
    n.put("protocol", c.protocol().name());
    n.put("port", c.port());
    n.put("allowed", c.allowed());
    ArrayNode e = n.putArray("explanation");
    c.explanation().forEach(e::add);
  }

  private static void endpoint(ObjectNode n, EndpointView v) {
    n.put("kind", switch (v.kind()) {
      case WORKLOAD -> "workload";
      case HYPOTHETICAL_POD -> "hypotheticalPod";
      case EXTERNAL -> "external";
      case NODE -> "node";
    });
    v.workload().ifPresent(w -> n.put("workload", w));
    v.namespace().ifPresent(ns -> n.put("namespace", ns));
    if (v.kind() == EndpointView.Kind.NODE) {
      v.node().ifPresent(x -> n.put("node", x));
      n.put("newNode", v.newNode());
      ObjectNode l = n.putObject("labels");
      v.labels().forEach(l::put);
    } else if (v.kind() != EndpointView.Kind.EXTERNAL) {
      n.put("newNamespace", v.newNamespace());
      ObjectNode nl = n.putObject("namespaceLabels");
      v.namespaceLabels().forEach(nl::put);
      ObjectNode l = n.putObject("labels");
      v.labels().forEach(l::put);
    }
    v.ip().ifPresent(ip -> n.put("ip", ip));
    if (v.kind() == EndpointView.Kind.WORKLOAD || v.kind() == EndpointView.Kind.HYPOTHETICAL_POD) {
      // given: the manifests fix "ip"; assumed: npv chose it, the verdict depends on it; unknown: no "ip".
      n.put("ipSource", v.address().name().toLowerCase(Locale.ROOT));
      v.addressRule().ifPresent(r -> n.put("ipRule", r));
    }
    n.put("description", v.describe());
  }
}
