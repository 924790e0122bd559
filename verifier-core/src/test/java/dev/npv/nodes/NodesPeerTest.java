package dev.npv.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.Endpoints;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.SourceText;
import dev.npv.model.Cluster;
import dev.npv.model.IpAddress;
import dev.npv.model.Protocol;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.verify.CheckResult;
import dev.npv.verify.EndpointView;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The admin {@code nodes} peer in both evaluators: it matches the addresses of nodes whose labels
 * match and the hostNetwork pods on them (they use the node's address), never pods of the pod network
 * or addresses of no node; in the closed world the nodes
 * are the manifests', in the open world a node with any labels may join at any other address.
 */
class NodesPeerTest {
  private static final String CLUSTER = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: t}
      spec:
        selector: {matchLabels: {app: web}}
        template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: i}]}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: agent, namespace: t}
      spec: {hostNetwork: true, containers: [{name: c, image: i}]}
      status: {podIP: 10.0.0.1}
      ---
      apiVersion: v1
      kind: Node
      metadata: {name: cp-1, labels: {role: cp}}
      status: {addresses: [{type: InternalIP, address: 10.0.0.1}]}
      ---
      apiVersion: v1
      kind: Node
      metadata: {name: plain-1}
      status: {addresses: [{type: InternalIP, address: 10.0.0.2}]}
      ---
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: guard}
      spec:
        priority: 1
        subject: {namespaces: {}}
        egress:
        - {action: Deny, to: [{nodes: {matchLabels: {role: cp}}}]}
        - {action: Allow, to: [{nodes: {}}], ports: [{portNumber: {port: 22}}]}
        - {action: Deny, to: [{networks: [10.0.0.0/24]}], ports: [{portNumber: {port: 22}}]}
      """;

  private static Cluster load(String yaml) throws Exception {
    return new ClusterLoader().loadTexts(List.of(new SourceText("c.yaml", yaml)), LoadOptions.defaults()).cluster();
  }

  private static Endpoint at(Cluster c, String ip) {
    IpAddress a = IpAddress.v4(ip);
    return new Endpoint.External(a, c.nodeAt(a));
  }

  private static CheckResult check(Cluster c, String world, String invariant) throws Exception {
    List<InvariantSet> sets = new SpecReader().read("s.yaml", """
        apiVersion: npv.dev/v1alpha1
        kind: InvariantSet
        metadata: {name: s}
        spec:
          world: %s
          invariants:
        %s""".formatted(world, invariant.indent(2)));
    return new Verifier(c, VerifyOptions.DEFAULT).verify(sets).results().get(0);
  }

  @Test
  void evaluatorMatchesLabelledNodesOnly() throws Exception {
    Cluster c = load(CLUSTER);
    ReferenceEvaluator eval = new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT);
    Endpoint web = Endpoints.of(c, c.workload("t", "web").orElseThrow()).get(0);
    Endpoint agent = Endpoints.of(c, c.workload("t", "agent").orElseThrow()).get(0);
    assertFalse(eval.allows(new Connection(web, at(c, "10.0.0.1"), Protocol.TCP, 443)), "labelled node: Deny");
    assertTrue(eval.allows(new Connection(web, at(c, "10.0.0.2"), Protocol.TCP, 443)), "unlabelled node: no match");
    assertTrue(eval.allows(new Connection(web, at(c, "10.0.0.2"), Protocol.TCP, 22)), "any node on 22: Allow");
    assertFalse(eval.allows(new Connection(web, at(c, "10.0.0.3"), Protocol.TCP, 22)), "no node: the networks Deny");
    // The hostNetwork pod uses cp-1's address: the nodes peer matches it as it matches cp-1 (NPEP-126,
    // conformance AdminNetworkPolicyEgressNodePeers), so the Deny of labelled nodes applies.
    assertFalse(eval.allows(new Connection(web, agent, Protocol.TCP, 443)), "hostNetwork pod on cp-1: Deny");
    assertFalse(eval.allows(new Connection(web, agent, Protocol.TCP, 22)),
        "hostNetwork pod on cp-1: the first Deny decides port 22 too");
  }

  @Test
  void closedWorldProofBreaksInTheOpenWorldWithANewNode() throws Exception {
    Cluster c = load(CLUSTER);
    String invariant = """
        - name: no-ssh-into-the-node-network
          expect: deny
          from: {namespace: t, podSelector: {matchLabels: {app: web}}}
          to: {ipBlock: {cidr: 10.0.0.0/24}}
          ports: [{protocol: TCP, port: 22}]
        """;
    // Closed: 10.0.0.1 and 10.0.0.2 are nodes, which the Allow lets through on 22.
    CheckResult closed = check(c, "closed", invariant);
    assertEquals(Verdict.VIOLATED, closed.verdict());
    assertEquals(EndpointView.Kind.NODE, closed.counterexample().orElseThrow().destination().kind());
    assertFalse(closed.counterexample().orElseThrow().destination().newNode());
    String offNodes = invariant.replace("10.0.0.0/24", "10.0.0.0/24, except: [10.0.0.1/32, 10.0.0.2/32]");
    assertEquals(Verdict.PROVEN, check(c, "closed", offNodes).verdict());
    // Open: a node that joins at another address of the block is let through too.
    CheckResult open = check(c, "open", offNodes);
    assertEquals(Verdict.VIOLATED, open.verdict());
    EndpointView dst = open.counterexample().orElseThrow().destination();
    assertEquals(EndpointView.Kind.NODE, dst.kind());
    assertTrue(dst.newNode(), dst.toString());
    assertTrue(dst.describe().startsWith("a new node"), dst.describe());
  }

  @Test
  void aLabelProofCoversNodesThatJoinLater() throws Exception {
    Cluster c = load(CLUSTER);
    String invariant = """
        - name: control-plane-closed
          expect: deny
          from: {podSelector: {matchLabels: {app: web}}}
          to: {nodeSelector: {matchLabels: {role: cp}}}
        """;
    assertEquals(Verdict.PROVEN, check(c, "open", invariant).verdict());
    assertEquals(Verdict.PROVEN, check(c, "closed", invariant).verdict());
    // No policy governs the hostNetwork pod: it reaches cp-1 in both worlds.
    String fromAll = invariant.replace("{podSelector: {matchLabels: {app: web}}}", "{namespaceSelector: {}}");
    assertEquals(Verdict.VIOLATED, check(c, "closed", fromAll).verdict());
    // Every node on 22, known or new: allowed.
    String ssh = """
        - name: ssh-to-nodes
          expect: allow
          from: {namespace: t, podSelector: {matchLabels: {app: web}}}
          to: {nodeSelector: {matchExpressions: [{key: role, operator: DoesNotExist}]}}
          ports: [{protocol: TCP, port: 22}]
        """;
    CheckResult sshOpen = check(c, "open", ssh);
    assertEquals(Verdict.PROVEN, sshOpen.verdict(), sshOpen::toString);
  }

  @Test
  void withoutNodeManifestsTheClosedWorldHasNoNodes() throws Exception {
    String noNodes = CLUSTER.replaceAll("(?s)---\\s*apiVersion: v1\\s*kind: Node.*?(?=---)", "");
    Cluster c = load(noNodes);
    assertEquals(List.of(), c.nodes());
    String invariant = """
        - name: cp-address-open
          expect: allow
          from: {namespace: t, podSelector: {matchLabels: {app: web}}}
          to: {ipBlock: {cidr: 10.0.0.1/32}}
          ports: [{protocol: TCP, port: 443}]
        """;
    assertEquals(Verdict.PROVEN, check(c, "closed", invariant).verdict());
    // In the open world 10.0.0.1 may be a node labelled role=cp, which the Deny matches.
    CheckResult open = check(c, "open", invariant);
    assertEquals(Verdict.VIOLATED, open.verdict());
    assertEquals(Optional.of("npv-new-node"), open.counterexample().orElseThrow().destination().node());
  }
}
