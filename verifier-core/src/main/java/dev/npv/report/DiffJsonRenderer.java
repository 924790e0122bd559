package dev.npv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.npv.spec.World;
import dev.npv.verify.Counterexample;
import dev.npv.verify.DiffFinding;
import dev.npv.verify.DiffReport;
import dev.npv.verify.WorkloadChange;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** {@code npv diff --format json}, schema {@code npv.dev/diff/v1} (documented in specs/diff-report.md). */
public final class DiffJsonRenderer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String render(DiffReport r, World world) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", "npv.dev/diff/v1");
    root.put("world", world.name().toLowerCase(Locale.ROOT));
    root.put("opensTraffic", r.opensTraffic());
    root.put("changesTraffic", r.changesTraffic());
    findings(root.putArray("findings"), r.findings());
    if (r.intendedGiven()) {
      root.put("onlyIntendedChange", !r.hasCollateral() && !r.collateral().stream()
          .anyMatch(f -> f.status() == DiffFinding.Status.UNKNOWN));
      findings(root.putArray("collateral"), r.collateral());
    }
    ArrayNode conns = root.putArray("connectionChanges");
    for (WorkloadChange c : r.connectionChanges()) {
      ObjectNode n = conns.addObject();
      n.put("change", c.kind());
      n.put("src", c.src());
      n.put("srcKind", c.srcKind());
      n.put("dst", c.dst());
      n.put("dstKind", c.dstKind());
      c.before().ifPresent(v -> n.put("before", v));
      c.after().ifPresent(v -> n.put("after", v));
      n.put("opens", c.opens());
    }
    ArrayNode added = root.putArray("addedWorkloads");
    r.addedWorkloads().forEach(added::add);
    ArrayNode removed = root.putArray("removedWorkloads");
    r.removedWorkloads().forEach(removed::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void findings(ArrayNode arr, List<DiffFinding> findings) {
    for (DiffFinding f : findings) {
      ObjectNode n = arr.addObject();
      n.put("scope", f.scope());
      n.put("direction", f.opened() ? "opened" : "closed");
      n.put("status", f.status().name());
      if (!f.reason().isEmpty()) {
        n.put("reason", f.reason());
      }
      f.witness().ifPresent(w -> {
        Counterexample h = w.head();
        ObjectNode x = n.putObject("witness");
        x.put("source", h.source().describe());
        x.put("destination", h.destination().describe());
        x.put("protocol", h.protocol().name());
        x.put("port", h.port());
        ArrayNode he = x.putArray("head");
        h.explanation().forEach(he::add);
        ArrayNode be = x.putArray("base");
        w.base().explanation().forEach(be::add);
      });
    }
  }
}
