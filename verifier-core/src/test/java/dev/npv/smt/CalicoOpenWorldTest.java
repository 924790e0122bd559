package dev.npv.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.z3.BitVecExpr;
import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.Context;
import com.microsoft.z3.IntExpr;
import com.microsoft.z3.Model;
import com.microsoft.z3.Solver;
import com.microsoft.z3.Status;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Calico encoder over pods that do not exist yet: any labels (any valid label values, not only the
 * manifests'), in a known namespace with that namespace's labels. Questions from the Stars demo
 * (calico/stars) and a {@code starts with} deny whose witnesses need a value no manifest names.
 */
class CalicoOpenWorldTest {

  private static BoolExpr inNamespace(Context ctx, CalicoEncoder.End e, Cluster c, String ns) {
    List<BoolExpr> eqs = new ArrayList<>();
    eqs.add(e.isPod);
    eqs.add(ctx.mkEq(e.namespace, ctx.mkString(ns)));
    Map<String, String> labels = c.namespace(ns).orElseThrow().labels();
    for (String k : e.namespaceLabels.keys()) {
      eqs.add(labels.containsKey(k) ? ctx.mkAnd(e.namespaceLabels.present(k),
          ctx.mkEq(e.namespaceLabels.value(k), ctx.mkString(labels.get(k)))) : ctx.mkNot(e.namespaceLabels.present(k)));
    }
    eqs.add(e.labels.wellFormed());
    return ctx.mkAnd(eqs.toArray(BoolExpr[]::new));
  }

  private static BoolExpr label(Context ctx, CalicoEncoder.End e, String k, String v) {
    return ctx.mkAnd(e.labels.present(k), ctx.mkEq(e.labels.value(k), ctx.mkString(v)));
  }

  private record Query(Context ctx, CalicoEncoder.End src, CalicoEncoder.End dst, BoolExpr allowed) {
  }

  private static Query query(Context ctx, Cluster c) {
    CalicoEncoder enc = new CalicoEncoder(ctx, c);
    assertEquals(Optional.empty(), enc.unsupported());
    CalicoEncoder.End src = new CalicoEncoder.End(ctx, "src");
    CalicoEncoder.End dst = new CalicoEncoder.End(ctx, "dst");
    IntExpr protocol = ctx.mkIntConst("protocol");
    BitVecExpr port = ctx.mkBVConst("port", 16);
    BoolExpr allowed = ctx.mkAnd(ctx.mkEq(protocol, ctx.mkInt(6)),
        enc.allows(Direction.EGRESS, src, dst, protocol, port), enc.allows(Direction.INGRESS, src, dst, protocol, port));
    return new Query(ctx, src, dst, allowed);
  }

  @Test
  void starsDemoHoldsForEveryPodThatCouldBeDeployed() throws Exception {
    Path dir = Path.of(Objects.requireNonNull(getClass().getClassLoader().getResource("calico/stars")).toURI());
    Cluster c = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
    try (Context ctx = new Context()) {
      Query q = query(ctx, c);
      // No pod of namespace client, whatever its labels, reaches a role=backend pod of stars on TCP.
      Solver s = ctx.mkSolver();
      s.add(q.allowed(), label(ctx, q.dst(), "role", "backend"));
      s.add(inNamespace(ctx, q.src(), c, "client"), inNamespace(ctx, q.dst(), c, "stars"));
      assertEquals(Status.UNSATISFIABLE, s.check());
      // Some pod of stars does: the solver names its labels, and they are the frontend's role.
      Solver w = ctx.mkSolver();
      w.add(q.allowed(), label(ctx, q.dst(), "role", "backend"));
      w.add(inNamespace(ctx, q.src(), c, "stars"), inNamespace(ctx, q.dst(), c, "stars"));
      assertEquals(Status.SATISFIABLE, w.check());
      Model m = w.getModel();
      assertEquals("frontend", m.eval(q.src().labels.value("role"), true).getString());
      assertTrue(m.eval(q.src().labels.present("role"), true).isTrue());
    }
  }

  @Test
  void startsWithIsDecidedForValuesNoManifestNames() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: x}
        ---
        apiVersion: projectcalico.org/v3
        kind: Tier
        metadata: {name: security}
        spec: {order: 10, defaultAction: Pass}
        ---
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: no-prod-to-db}
        spec:
          tier: security
          selector: app == 'db'
          ingress:
          - action: Deny
            source: {selector: env starts with 'prod-'}
        """;
    Cluster c = new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults()).cluster();
    try (Context ctx = new Context()) {
      Query q = query(ctx, c);
      Solver s = ctx.mkSolver();
      s.add(q.allowed(), label(ctx, q.dst(), "app", "db"), inNamespace(ctx, q.src(), c, "x"),
          inNamespace(ctx, q.dst(), c, "x"));
      s.push();
      s.add(q.src().labels.present("env"), ctx.mkPrefixOf(ctx.mkString("prod-"), q.src().labels.value("env")));
      assertEquals(Status.UNSATISFIABLE, s.check(), "no prod-* pod reaches db");
      s.pop();
      // A pod with an env label still reaches db when its value does not start with prod-, e.g. "prod"
      // itself or a fresh value: the witness is a valid label value the manifests never mention.
      s.add(q.src().labels.present("env"), ctx.mkPrefixOf(ctx.mkString("prod"), q.src().labels.value("env")));
      assertEquals(Status.SATISFIABLE, s.check());
      String env = s.getModel().eval(q.src().labels.value("env"), true).getString();
      assertTrue(env.startsWith("prod"), env);
      assertFalse(env.startsWith("prod-"), env);
    }
  }
}
