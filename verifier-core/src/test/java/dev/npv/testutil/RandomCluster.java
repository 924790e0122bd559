package dev.npv.testutil;

import static dev.npv.testutil.Dsl.*;

import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.PolicyPort;
import dev.npv.model.Protocol;
import dev.npv.model.SelectorOperator;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A random small cluster (two namespaces, a few pods and policies) from a seed, for property tests. */
public record RandomCluster(Cluster cluster, EvaluatorOptions options) {
  private static final String[] APPS = {"a", "b", "c"};
  private static final String[] CIDRS = {"10.0.0.0/8", "10.0.0.0/24", "10.0.0.4/30", "0.0.0.0/0", "fd00::/8"};
  private static final String[] IPS = {"10.0.0.1", "10.0.0.5", "10.1.0.1", "192.168.0.1", "fd00::1"};
  private static final int[] PORTS = {53, 80, 81, 443, 8080};

  public static RandomCluster random(Random r) {
    List<Namespace> nss = List.of(ns("x", "env", "prod"), ns("y", "env", "dev"));
    List<Workload> ws = new ArrayList<>();
    if (r.nextInt(3) == 0) { // a cluster export: absent owners, rollouts, terminated pods, replicas
      ws.addAll(exported(r));
    }
    int pods = (ws.isEmpty() ? 2 : 0) + r.nextInt(3);
    for (int i = 0; i < pods; i++) {
      String nsName = r.nextBoolean() ? "x" : "y";
      Workload w = r.nextInt(4) == 0 ? pod(nsName, "p" + i) : pod(nsName, "p" + i, "app", pick(r, APPS));
      if (r.nextBoolean()) {
        w = withPorts(w, containerPort("http", pick(r, PORTS), r.nextBoolean() ? Protocol.TCP : Protocol.UDP));
      }
      if (r.nextBoolean()) {
        w = withIps(w, pick(r, IPS));
      }
      if (r.nextInt(6) == 0) {
        w = hostNetwork(w);
      }
      ws.add(w);
    }
    List<Policy> ps = new ArrayList<>();
    int policies = r.nextInt(4);
    for (int i = 0; i < policies; i++) {
      var b = policy(r.nextBoolean() ? "x" : "y", "np" + i).select(selector(r));
      List<Direction> types = new ArrayList<>();
      if (r.nextInt(3) != 0) {
        types.add(Direction.INGRESS);
      }
      if (r.nextInt(3) != 0) {
        types.add(Direction.EGRESS);
      }
      b.types(types.toArray(Direction[]::new));
      for (int k = r.nextInt(3); k > 0; k--) {
        b.ingress(randomRule(r));
      }
      for (int k = r.nextInt(3); k > 0; k--) {
        b.egress(randomRule(r));
      }
      ps.add(b.build());
    }
    return new RandomCluster(Cluster.of(nss, ws, ps), new EvaluatorOptions(r.nextBoolean()));
  }

  /** The workloads the loader makes of a random export into namespaces x and y (checked by {@link RandomExport#check()}). */
  private static List<Workload> exported(Random r) {
    RandomExport export = new RandomExport(r, new String[] {"app"}, APPS, new String[] {"http", "dns"}, PORTS);
    try {
      List<Workload> out = export.workloads(1 + r.nextInt(3), List.of("x", "y"));
      export.check();
      return out;
    } catch (Exception e) {
      throw new AssertionError("the loader refused a generated export:\n" + export.yaml(), e);
    }
  }

  public List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    cluster.workloads().forEach(w -> out.addAll(Endpoints.of(cluster, w)));
    out.add(ext("10.0.0.5"));
    out.add(ext("172.16.0.1"));
    out.add(ext("fd00::5"));
    return out;
  }

  private static RuleSpec randomRule(Random r) {
    List<Peer> peers = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      peers.add(switch (r.nextInt(4)) {
        case 0 -> podPeer(selector(r));
        case 1 -> nsPeer(r.nextBoolean() ? LabelSelector.ALL : sel("env", r.nextBoolean() ? "prod" : "dev"));
        case 2 -> nsPodPeer(LabelSelector.ALL, selector(r));
        default -> r.nextBoolean() ? ipPeer(pick(r, CIDRS)) : ipPeer("10.0.0.0/8", "10.0.0.0/29");
      });
    }
    List<PolicyPort> ports = new ArrayList<>();
    for (int k = r.nextInt(3); k > 0; k--) {
      Protocol p = Protocol.values()[r.nextInt(3)];
      ports.add(switch (r.nextInt(4)) {
        case 0 -> {
          int first = pick(r, PORTS);
          yield range(p, first, first + r.nextInt(3));
        }
        case 1 -> anyPort(p);
        case 2 -> named(p, "http");
        default -> range(p, 80, 80);
      });
    }
    return rule(peers, ports);
  }

  private static LabelSelector selector(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> LabelSelector.ALL;
      case 1, 2 -> sel("app", pick(r, APPS));
      case 3 -> sel(labels(), req("app", SelectorOperator.NotIn, pick(r, APPS)));
      default -> sel(labels(), req("app", r.nextBoolean() ? SelectorOperator.Exists : SelectorOperator.DoesNotExist));
    };
  }

  private static String pick(Random r, String[] xs) {
    return xs[r.nextInt(xs.length)];
  }

  private static int pick(Random r, int[] xs) {
    return xs[r.nextInt(xs.length)];
  }

  @Override
  public String toString() {
    return "options=" + options + " workloads=" + cluster.workloads() + " policies=" + cluster.policies();
  }
}
