package dev.npv.connectivity;

import static dev.npv.testutil.Dsl.*;

import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Policy;
import dev.npv.model.Protocol;
import dev.npv.model.Workload;
import dev.npv.model.WorkloadKind;
import java.util.List;

/**
 * myapp: default deny both ways; frontend may reach backend (any port) and the internet except
 * 10/8 on TCP 443 and 8080-8090; backend admits frontend on its named port api (5555) and may reach
 * db on 5432; db admits backend on TCP 5432 and UDP 53. other/client is not isolated.
 */
final class SampleCluster {
  static final Workload FRONTEND = deployment("myapp", "frontend", "app", "frontend");
  static final Workload BACKEND = withPorts(deployment("myapp", "backend", "app", "backend"),
      containerPort("api", 5555, Protocol.TCP));
  static final Workload DB = workload(WorkloadKind.StatefulSet, "myapp", "db", "app", "db");
  static final Workload CLIENT = pod("other", "client", "app", "client");

  private SampleCluster() {
  }

  static Cluster build() {
    Policy deny = policy("myapp", "default-deny").select(LabelSelector.ALL)
        .types(Direction.INGRESS, Direction.EGRESS).build();
    Policy frontend = policy("myapp", "frontend").select(sel("app", "frontend")).types(Direction.EGRESS)
        .egress(from(podPeer(sel("app", "backend"))),
            rule(List.of(ipPeer("0.0.0.0/0", "10.0.0.0/8")), List.of(tcp(443), range(Protocol.TCP, 8080, 8090))))
        .build();
    Policy backend = policy("myapp", "backend").select(sel("app", "backend"))
        .types(Direction.INGRESS, Direction.EGRESS)
        .ingress(rule(List.of(podPeer(sel("app", "frontend"))), List.of(named(Protocol.TCP, "api"))))
        .egress(rule(List.of(podPeer(sel("app", "db"))), List.of(tcp(5432))))
        .build();
    Policy db = policy("myapp", "db").select(sel("app", "db"))
        .ingress(rule(List.of(podPeer(sel("app", "backend"))), List.of(tcp(5432), udp(53))))
        .build();
    return cluster(List.of(ns("myapp"), ns("other")), List.of(FRONTEND, BACKEND, DB, CLIENT),
        List.of(deny, frontend, backend, db));
  }
}
