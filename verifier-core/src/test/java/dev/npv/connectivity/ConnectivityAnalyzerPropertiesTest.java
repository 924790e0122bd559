package dev.npv.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.RangeSet;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import dev.npv.testutil.RandomCluster;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The analyzer's answer equals asking the evaluator pair by pair, address by address. */
class ConnectivityAnalyzerPropertiesTest {
  private static final List<String> PROBES = List.of("0.0.0.0", "9.255.255.255", "10.0.0.0", "10.0.0.3",
      "10.0.0.4", "10.0.0.7", "10.0.0.8", "10.0.0.255", "10.0.1.0", "10.255.255.255", "11.0.0.0",
      "255.255.255.255", "::", "fcff::1", "fd00::", "fd00::5", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::");

  @Property(tries = 200)
  void analyzerAgreesWithTheEvaluator(@ForAll long seed) {
    RandomCluster s = RandomCluster.random(new Random(seed));
    ReferenceEvaluator e = new ReferenceEvaluator(s.cluster(), s.options());
    ConnectivityReport report = new ConnectivityAnalyzer(s.cluster(), s.options()).analyze();
    Map<String, PortSet> byPair = report.links().stream().collect(Collectors.toMap(
        l -> l.src().name() + " (" + l.src().kind() + ") " + l.dst().name() + " (" + l.dst().kind() + ")",
        ConnectivityLink::ports));
    for (Workload a : s.cluster().workloads()) {
      for (Workload b : s.cluster().workloads()) {
        // Within one workload: pairs of two of its pods (two addresses, or two replicas of unknown address).
        PortSet expected = a.equals(b) ? replicas(e, s.cluster(), a)
            : brute(e, Endpoints.of(s.cluster(), a), Endpoints.of(s.cluster(), b));
        String pair = a.displayName() + " (" + a.kind() + ") " + b.displayName() + " (" + b.kind() + ")";
        assertEquals(expected, byPair.getOrDefault(pair, PortSet.EMPTY), pair + s);
      }
      for (String probe : PROBES) {
        List<Endpoint> ext = List.of(new Endpoint.External(IpAddress.parse(probe).orElseThrow()));
        assertEquals(brute(e, Endpoints.of(s.cluster(), a), ext), linkTo(report, a, probe, true), a.id() + " -> " + probe + s);
        assertEquals(brute(e, ext, Endpoints.of(s.cluster(), a)), linkTo(report, a, probe, false), probe + " -> " + a.id() + s);
      }
    }
  }

  private static PortSet linkTo(ConnectivityReport report, Workload w, String probe, boolean egress) {
    IpAddress ip = IpAddress.parse(probe).orElseThrow();
    for (ConnectivityLink l : report.links()) {
      ConnectivityNode self = egress ? l.src() : l.dst();
      ConnectivityNode other = egress ? l.dst() : l.src();
      if (self.name().equals(w.displayName()) && self.kind().equals(w.kind().name()) && other.external()) {
        AddressRange r = other.addresses().get();
        if (r.v6() == ip.v6() && r.first().compareTo(ip.value()) <= 0 && r.last().compareTo(ip.value()) >= 0) {
          return l.ports();
        }
      }
    }
    return PortSet.EMPTY;
  }

  /** What two different pods of {@code w} may open to each other: nothing for a bare Pod. */
  private static PortSet replicas(ReferenceEvaluator e, Cluster c, Workload w) {
    if (w.kind() == WorkloadKind.Pod) {
      return PortSet.EMPTY;
    }
    List<Endpoint.PodEndpoint> eps = Endpoints.of(c, w);
    PortSet out = PortSet.EMPTY;
    for (var a : eps) {
      for (var b : eps) {
        if (a != b || a.ip().isEmpty()) {
          out = out.union(brute(e, List.of(a), List.of(b)));
        }
      }
    }
    return out;
  }

  private static PortSet brute(ReferenceEvaluator e, List<? extends Endpoint> srcs, List<? extends Endpoint> dsts) {
    PortSet out = PortSet.EMPTY;
    for (Endpoint a : srcs) {
      for (Endpoint b : dsts) {
        Map<Protocol, RangeSet<Integer>> m = new EnumMap<>(Protocol.class);
        for (Protocol p : Protocol.values()) {
          m.put(p, e.allowedPorts(a, b, p));
        }
        out = out.union(PortSet.of(m));
      }
    }
    return out;
  }
}
