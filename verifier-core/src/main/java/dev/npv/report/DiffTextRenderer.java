package dev.npv.report;

import dev.npv.spec.World;
import dev.npv.verify.Counterexample;
import dev.npv.verify.DiffFinding;
import dev.npv.verify.DiffReport;
import dev.npv.verify.WorkloadChange;
import java.util.Locale;

/** The terminal report of {@code npv diff}. */
public final class DiffTextRenderer {
  public String render(DiffReport r, World world) {
    StringBuilder out = new StringBuilder();
    out.append("Symbolic diff (").append(world.name().toLowerCase(Locale.ROOT)).append(" world):\n");
    for (DiffFinding f : r.findings()) {
      finding(out, f);
    }
    if (r.intendedGiven()) {
      boolean clean = r.collateral().stream().allMatch(f -> f.status() == DiffFinding.Status.NONE);
      out.append(clean ? "Intended change only: PROVEN, nothing outside the intended delta opened or closed\n"
          : "Intended change only: NOT PROVEN\n");
      for (DiffFinding f : r.collateral()) {
        if (f.status() != DiffFinding.Status.NONE) {
          finding(out, f);
        }
      }
    }
    out.append("Workloads: ");
    if (r.addedWorkloads().isEmpty() && r.removedWorkloads().isEmpty()) {
      out.append("unchanged\n");
    } else {
      out.append('\n');
      r.addedWorkloads().forEach(w -> out.append("  + ").append(w).append('\n'));
      r.removedWorkloads().forEach(w -> out.append("  - ").append(w).append('\n'));
    }
    out.append("Connections between known endpoints: ");
    if (r.connectionChanges().isEmpty()) {
      out.append("unchanged\n");
    } else {
      out.append('\n');
      for (WorkloadChange c : r.connectionChanges()) {
        String sign = switch (c.kind()) {
          case "added" -> "+";
          case "removed" -> "-";
          default -> "~";
        };
        out.append("  ").append(sign).append(' ').append(c.src()).append(" -> ").append(c.dst()).append(": ");
        switch (c.kind()) {
          case "added" -> out.append(c.after().orElse(""));
          case "removed" -> out.append(c.before().orElse(""));
          default -> out.append(c.before().orElse("")).append(" => ").append(c.after().orElse(""));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static void finding(StringBuilder out, DiffFinding f) {
    String what = f.opened() ? "opened (HEAD allows, BASE denies)" : "closed (BASE allows, HEAD denies)";
    out.append("  ").append(f.scope()).append(": ").append(what).append(": ");
    switch (f.status()) {
      case NONE -> out.append("none (proven)\n");
      case UNKNOWN -> out.append("UNKNOWN (").append(f.reason()).append(")\n");
      case FOUND -> {
        Counterexample head = f.witness().orElseThrow().head();
        Counterexample base = f.witness().orElseThrow().base();
        out.append("FOUND ").append(head.protocol()).append(' ').append(head.port()).append('\n');
        out.append("      from: ").append(head.source().describe()).append('\n');
        out.append("      to:   ").append(head.destination().describe()).append('\n');
        head.explanation().forEach(l -> out.append("      HEAD ").append(l).append('\n'));
        base.explanation().forEach(l -> out.append("      BASE ").append(l).append('\n'));
      }
      default -> throw new IllegalStateException();
    }
  }
}
