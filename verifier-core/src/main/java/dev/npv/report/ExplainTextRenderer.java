package dev.npv.report;

import dev.npv.diag.SourceLocation;
import dev.npv.explain.Check;
import dev.npv.explain.Explanation;
import dev.npv.explain.PolicyExplanation;
import dev.npv.explain.RuleExplanation;
import dev.npv.explain.SideExplanation;
import dev.npv.model.Direction;

/**
 * {@code npv explain} as text: the verdict, then per side the policies of the endpoint's namespace,
 * whether each selects it, and per rule each peer and port entry marked {@code [x]} (matches) or
 * {@code [ ]} (does not), with the reason.
 */
public final class ExplainTextRenderer {
  public String render(Explanation e) {
    StringBuilder b = new StringBuilder();
    b.append(e.connection()).append(": ").append(e.allowed() ? "ALLOWED" : "DENIED").append('\n');
    if (!e.connection().oneAddressFamily()) {
      b.append("  no such connection: its ends share an address family, and a packet carries one in both addresses\n");
    }
    side(b, e.egress(), "source");
    side(b, e.ingress(), "destination");
    return b.toString();
  }

  private static void side(StringBuilder b, SideExplanation s, String role) {
    b.append('\n').append(s.direction().lower()).append(" of ").append(role).append(' ').append(s.endpoint())
        .append(": ").append(s.allowed() ? "allowed" : "denied").append('\n');
    b.append("  ").append(s.summary()).append('\n');
    for (PolicyExplanation p : s.policies()) {
      b.append("  policy ").append(p.policy()).append(at(p.location())).append(": ")
          .append(p.isolates() ? "selects it" : "does not select it").append(" (").append(p.selection().why())
          .append(")\n");
      if (!p.isolates()) {
        continue;
      }
      if (p.rules().isEmpty()) {
        b.append("    no ").append(s.direction().lower()).append(" rules: admits nothing\n");
      }
      for (RuleExplanation r : p.rules()) {
        rule(b, r, s.direction());
      }
    }
  }

  private static void rule(StringBuilder b, RuleExplanation r, Direction d) {
    b.append("    ").append(d.lower()).append(" rule ").append(r.rule().index()).append(at(r.rule().location()))
        .append(": ").append(r.admits() ? "admits" : "does not admit").append(verdictWhy(r)).append('\n');
    if (r.allPeers()) {
      b.append("      [x] every peer (no ").append(d == Direction.INGRESS ? "from" : "to").append(")\n");
    }
    r.peers().forEach(c -> check(b, c));
    if (r.allPorts()) {
      b.append("      [x] every port (no ports)\n");
    }
    r.ports().forEach(c -> check(b, c));
  }

  private static String verdictWhy(RuleExplanation r) {
    if (r.admits()) {
      return "";
    }
    return !r.peerMatches() && !r.portMatches() ? " (no peer and no port matches)"
        : !r.peerMatches() ? " (no peer matches)" : " (no port matches)";
  }

  private static void check(StringBuilder b, Check c) {
    b.append("      ").append(c.matches() ? "[x] " : "[ ] ").append(c.subject()).append(": ").append(c.why())
        .append('\n');
  }

  private static String at(SourceLocation l) {
    return l.isNamed() ? " (" + l + ")" : "";
  }
}
