package dev.npv.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.Isolation;
import dev.npv.eval.PeerMatrix;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.Peer;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.testutil.RandomCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The bulk pre-filters ({@link ReferenceEvaluator#admitsPeer} and {@link PeerMatrix}, used by
 * {@code npv connectivity} to skip pairs) against the evaluator's walk: a pair they drop has no
 * allowed port on any protocol, and the matrix says what admitsPeer says, on clusters with and
 * without admin tiers, with every kind of peer and port entry (checked by {@link #generatorsCoverEveryVariant}).
 */
class PreFilterAgreesWithWalkTest {
  @Property(tries = 60)
  void tieredClusters(@ForAll long seed) {
    Cluster c = new ClusterGen(new Random(seed)).cluster();
    List<Endpoint> ends = new ArrayList<>();
    c.workloads().forEach(w -> ends.addAll(Endpoints.of(c, w)));
    for (String ip : ClusterGen.EXTERNAL_IPS) {
      ends.add(ClusterGen.external(c, ip));
    }
    agree(c, EvaluatorOptions.DEFAULT, ends);
  }

  @Property(tries = 150)
  void networkPolicyClusters(@ForAll long seed) {
    RandomCluster s = RandomCluster.random(new Random(seed));
    agree(s.cluster(), s.options(), s.endpoints());
  }

  private static void agree(Cluster c, EvaluatorOptions options, List<Endpoint> ends) {
    ReferenceEvaluator e = new ReferenceEvaluator(c, options);
    List<Isolation> iso = ends.stream().map(e::isolation).toList();
    PeerMatrix egress = PeerMatrix.of(e, Direction.EGRESS, ends, iso);
    PeerMatrix ingress = PeerMatrix.of(e, Direction.INGRESS, ends, iso);
    for (int i = 0; i < ends.size(); i++) {
      for (int j = 0; j < ends.size(); j++) {
        Endpoint src = ends.get(i);
        Endpoint dst = ends.get(j);
        String where = src.display() + " -> " + dst.display() + " in " + c;
        assertEquals(e.admitsPeer(iso.get(i), Direction.EGRESS, dst), egress.admits(i, j), where);
        assertEquals(e.admitsPeer(iso.get(j), Direction.INGRESS, src), ingress.admits(j, i), where);
        if (egress.admits(i, j) && ingress.admits(j, i)) {
          continue;
        }
        var ports = e.allowedPorts(src, iso.get(i), dst, iso.get(j));
        for (Protocol p : Protocol.values()) {
          assertTrue(ports.get(p).isEmpty(), () -> "the pre-filter dropped " + where + " which allows " + ports);
        }
      }
    }
  }

  /** The two generators between them write every peer and every port entry kind, with and without admin tiers. */
  @Test
  void generatorsCoverEveryVariant() {
    Set<String> seen = new TreeSet<>();
    for (long seed = 0; seed < 60; seed++) {
      Cluster tiered = new ClusterGen(new Random(seed)).cluster();
      Cluster plain = RandomCluster.random(new Random(seed)).cluster();
      for (Cluster c : List.of(tiered, plain)) {
        seen.add(c.adminPolicies().isEmpty() ? "without admin tiers" : "with admin tiers");
        Stream.concat(c.policies().stream().flatMap(p -> Stream.concat(p.ingress().stream(), p.egress().stream()))
                .flatMap(r -> Stream.concat(r.peers().stream().map(PreFilterAgreesWithWalkTest::kind),
                    r.ports().stream().map(PreFilterAgreesWithWalkTest::kind))),
            c.adminPolicies().stream().flatMap(p -> Stream.concat(p.ingress().stream(), p.egress().stream()))
                .flatMap(r -> Stream.concat(r.peers().stream().map(PreFilterAgreesWithWalkTest::kind),
                    r.ports().stream().map(PreFilterAgreesWithWalkTest::kind))))
            .forEach(seen::add);
      }
    }
    assertEquals(new TreeSet<>(List.of("addresses", "any port", "named", "nodes", "pods", "range",
        "with admin tiers", "without admin tiers")), seen);
  }

  private static String kind(Peer p) {
    return p.accept(new Peer.Visitor<>() {
      @Override
      public String pods(Peer.Pods peer) {
        return "pods";
      }

      @Override
      public String addresses(Peer.Addresses peer) {
        return "addresses";
      }

      @Override
      public String nodes(Peer.Nodes peer) {
        return "nodes";
      }
    });
  }

  private static String kind(PolicyPort pp) {
    return pp.spec().accept(new PortSpec.Visitor<>() {
      @Override
      public String anyPort(PortSpec.AnyPort spec) {
        return "any port";
      }

      @Override
      public String range(PortSpec.Range spec) {
        return "range";
      }

      @Override
      public String named(PortSpec.Named spec) {
        return "named";
      }
    });
  }
}
