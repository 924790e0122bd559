package dev.npv.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.npv.diag.SourceLocation;
import dev.npv.explain.Check;
import dev.npv.explain.Explanation;
import dev.npv.explain.PolicyExplanation;
import dev.npv.explain.RuleExplanation;
import dev.npv.explain.SideExplanation;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code npv explain --format json}: the same tree as the text form, as data. */
public final class ExplainJsonRenderer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String render(Explanation e) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode c = root.putObject("connection");
    c.put("from", e.connection().src().display());
    c.put("to", e.connection().dst().display());
    c.put("protocol", e.connection().protocol().name());
    c.put("port", e.connection().port());
    root.put("allowed", e.allowed());
    side(root.putObject("egress"), e.egress());
    side(root.putObject("ingress"), e.ingress());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static void side(ObjectNode n, SideExplanation s) {
    n.put("endpoint", s.endpoint());
    n.put("governed", s.governed());
    n.put("isolated", s.isolated());
    n.put("allowed", s.allowed());
    n.put("summary", s.summary());
    ArrayNode policies = n.putArray("policies");
    for (PolicyExplanation p : s.policies()) {
      ObjectNode pn = policies.addObject();
      pn.put("policy", p.policy().toString());
      location(pn, p.location());
      pn.put("selects", p.isolates());
      pn.put("selection", p.selection().why());
      ArrayNode rules = pn.putArray("rules");
      for (RuleExplanation r : p.rules()) {
        ObjectNode rn = rules.addObject();
        rn.put("rule", r.rule().index());
        location(rn, r.rule().location());
        rn.put("admits", r.admits());
        rn.put("allPeers", r.allPeers());
        checks(rn.putArray("peers"), r.peers());
        rn.put("allPorts", r.allPorts());
        checks(rn.putArray("ports"), r.ports());
      }
    }
  }

  private static void checks(ArrayNode a, List<Check> checks) {
    for (Check c : checks) {
      ObjectNode n = a.addObject();
      n.put("subject", c.subject());
      n.put("matches", c.matches());
      n.put("why", c.why());
    }
  }

  private static void location(ObjectNode n, SourceLocation l) {
    if (l.isNamed()) {
      n.put("location", l.toString());
    }
  }
}
