package dev.npv.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Endpoints;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cidr;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.IpBlock;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.spec.EndpointSelector;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.Counterexample;
import dev.npv.verify.EndpointView;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The verifier (Z3 encoding) against the reference evaluator (concrete semantics) on random small
 * clusters. Any disagreement is a bug in one of the two: never weaken these properties, find the
 * wrong side and add the case to {@link DifferentialRegressionTest}.
 */
class DifferentialTest {
  static final SourceLocation L = SourceLocation.UNKNOWN;
  /** Connections (or invariants) per generated cluster: one solver session serves them all. */
  private static final int PER_CLUSTER = 6;

  // ---- 1. per-connection agreement ------------------------------------------------------------

  @Property(tries = 60)
  void perConnectionAgreement(@ForAll long seed) throws InvalidInputException {
    ClusterGen g = new ClusterGen(new Random(seed));
    Cluster c = g.cluster();
    checkConnections(c, connections(g, c));
  }

  /** A concrete connection and the endpoint selectors that pin exactly its two ends. */
  record Probe(Connection connection, EndpointSelector from, EndpointSelector to, String fromId, String toId) {
  }

  static List<Probe> connections(ClusterGen g, Cluster c) {
    List<Probe> out = new ArrayList<>();
    Random r = g.random();
    while (out.size() < PER_CLUSTER) {
      Probe p = probe(g, c, r);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static Probe probe(ClusterGen g, Cluster c, Random r) {
    Optional<Workload> sw = r.nextInt(4) == 0 ? Optional.empty() : Optional.of(pick(r, c.workloads()));
    Optional<Workload> dw = r.nextInt(4) == 0 ? Optional.empty() : Optional.of(pick(r, c.workloads()));
    if (sw.isEmpty() && dw.isEmpty()) {
      return null; // two external addresses are never a pair
    }
    if (sw.isPresent() && sw.equals(dw) && sw.get().kind() == WorkloadKind.Pod) {
      return null; // a bare pod cannot talk to itself
    }
    String sip = g.pick(ClusterGen.EXTERNAL_IPS);
    String dip = g.pick(ClusterGen.EXTERNAL_IPS);
    Endpoint src = sw.<Endpoint>map(w -> Endpoints.of(c, w).get(0)).orElseGet(() -> external(sip));
    Endpoint dst = dw.<Endpoint>map(w -> Endpoints.of(c, w).get(0)).orElseGet(() -> external(dip));
    Connection conn = new Connection(src, dst, g.protocol(), g.pick(ClusterGen.PROBE_PORTS));
    return new Probe(conn, pin(sw, sip), pin(dw, dip), sw.map(Workload::id).orElse(sip),
        dw.map(Workload::id).orElse(dip));
  }

  /** For each probe: the evaluator's answer must be PROVEN, its opposite VIOLATED on that very connection. */
  static void checkConnections(Cluster c, List<Probe> probes) throws InvalidInputException {
    ReferenceEvaluator oracle = new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT);
    List<Invariant> invs = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      Probe p = probes.get(i);
      boolean allowed = oracle.allows(p.connection());
      Expect expect = allowed ? Expect.ALLOW : Expect.DENY;
      Expect opposite = allowed ? Expect.DENY : Expect.ALLOW;
      ImmutableList<PolicyPort> port = ImmutableList.of(new PolicyPort(p.connection().protocol(),
          new PortSpec.Range(p.connection().port(), p.connection().port())));
      invs.add(invariant("agree-" + i, expect, set(p.from()), set(p.to()), port));
      invs.add(invariant("opposite-" + i, opposite, set(p.from()), set(p.to()), port));
    }
    VerificationReport report = verify(c, World.CLOSED, invs);
    for (int i = 0; i < probes.size(); i++) {
      Probe p = probes.get(i);
      CheckResult agree = report.results().get(2 * i);
      CheckResult opposite = report.results().get(2 * i + 1);
      String where = p.connection() + " expected " + agree.expect() + " in " + describe(c);
      assertEquals(Verdict.PROVEN, agree.verdict(), () -> where + ": " + agree);
      assertEquals(Verdict.VIOLATED, opposite.verdict(), () -> "opposite of " + where + ": " + opposite);
      Counterexample cex = opposite.counterexample().orElseThrow();
      assertEquals(p.fromId(), id(cex.source()), where);
      assertEquals(p.toId(), id(cex.destination()), where);
      assertEquals(p.connection().protocol(), cex.protocol(), where);
      assertEquals(p.connection().port(), cex.port(), where);
    }
  }

  private static String id(EndpointView v) {
    return v.kind() == EndpointView.Kind.EXTERNAL ? v.ip().orElseThrow() : v.workload().orElse("?hypothetical");
  }

  /** A workload reference, or a single-address ipBlock (/32 or /128). */
  static EndpointSelector pin(Optional<Workload> w, String ip) {
    if (w.isPresent()) {
      return new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of(new EndpointSelector.WorkloadRef(w.get().namespace(), w.get().name())), Optional.empty(), L);
    }
    IpAddress a = IpAddress.parse(ip).orElseThrow();
    return new EndpointSelector(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(new IpBlock(Cidr.of(a + "/" + a.bits()), ImmutableList.of())), L);
  }

  // ---- shared helpers ------------------------------------------------------------------------

  static Endpoint.External external(String ip) {
    return new Endpoint.External(IpAddress.parse(ip).orElseThrow());
  }

  static EndpointSet set(EndpointSelector... selectors) {
    return EndpointSet.of(List.of(selectors));
  }

  static Invariant invariant(String name, Expect expect, EndpointSet from, EndpointSet to,
                             ImmutableList<PolicyPort> ports) {
    return new Invariant(name, "", expect, from, to, ports, Optional.empty(), L);
  }

  static VerificationReport verify(Cluster c, World world, List<Invariant> invs) throws InvalidInputException {
    return new Verifier(c, VerifyOptions.DEFAULT).verify(List.of(
        new InvariantSet("differential", world, ImmutableList.copyOf(invs), L)));
  }

  static <T> T pick(Random r, List<T> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  static String describe(Cluster c) {
    StringBuilder b = new StringBuilder("\n  namespaces:");
    c.namespaces().values().forEach(n -> b.append("\n    ").append(n.name()).append(n.declared() ? " " : " (implied) ")
        .append(n.labels()));
    b.append("\n  workloads:");
    c.workloads().forEach(w -> b.append("\n    ").append(w.kind()).append(' ').append(w.id()).append(' ')
        .append(w.labels()).append(" ports=").append(w.ports()).append(" ips=").append(w.podIps())
        .append(w.hostNetwork() ? " hostNetwork" : ""));
    b.append("\n  policies:");
    c.policies().forEach(p -> {
      b.append("\n    ").append(p.id()).append(" select ").append(p.podSelector()).append(" types ")
          .append(p.types());
      p.ingress().forEach(x -> b.append("\n      ingress from ").append(x.peers()).append(" ports ").append(x.ports()));
      p.egress().forEach(x -> b.append("\n      egress to ").append(x.peers()).append(" ports ").append(x.ports()));
    });
    return b.toString();
  }
}
