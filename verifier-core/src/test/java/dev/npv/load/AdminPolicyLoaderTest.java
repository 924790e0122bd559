package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.model.AdminAction;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminTier;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import dev.npv.model.PortSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reader of AdminNetworkPolicy / BaselineAdminNetworkPolicy (apis/v1alpha1). */
class AdminPolicyLoaderTest {
  private static final String ANP = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n";
  private static final String BANP = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\n";

  private static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults());
  }

  private static List<Diagnostic> errors(String yaml) {
    return assertThrows(InvalidInputException.class, () -> load(yaml)).diagnostics();
  }

  private static boolean has(List<Diagnostic> ds, String code) {
    return ds.stream().anyMatch(d -> d.code().equals(code));
  }

  @Test
  void readsEveryFieldOfTheCurrentApi() throws Exception {
    LoadResult r = load(ANP + """
        metadata: {name: a}
        spec:
          priority: 7
          subject: {pods: {namespaceSelector: {matchLabels: {t: x}}, podSelector: {matchLabels: {app: w}}}}
          ingress:
          - name: r0
            action: Pass
            from: [{namespaces: {}}, {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: c}}}}]
            ports: [{portNumber: {protocol: UDP, port: 53}}, {portRange: {start: 80, end: 90}}, {namedPort: http}]
          egress:
          - action: Deny
            to: [{networks: [10.0.0.0/8, "fd00::/8"]}]
        """);
    AdminPolicy p = r.cluster().adminPolicies().get(0);
    assertEquals(AdminTier.ADMIN, p.tier());
    assertEquals(7, p.priority());
    assertEquals(LabelSelector.matchLabels(Map.of("app", "w")), p.subject().podSelector());
    assertEquals(AdminAction.PASS, p.ingress().get(0).action());
    assertEquals(2, p.ingress().get(0).peers().size());
    // portNumber, portRange, and the named port once per protocol
    assertEquals(5, p.ingress().get(0).ports().size());
    assertEquals(new PortSpec.Range(80, 90), p.ingress().get(0).ports().get(1).spec());
    assertEquals(2, p.egress().get(0).peers().size());
    assertTrue(p.egress().get(0).peers().get(0) instanceof Peer.Addresses);
  }

  @Test
  void priorityOutOfRangeIsAnError() {
    assertTrue(has(errors(ANP + "metadata: {name: a}\nspec: {priority: 1001, subject: {namespaces: {}}}\n"),
        Codes.ADMIN_PRIORITY));
    assertTrue(has(errors(ANP + "metadata: {name: a}\nspec: {priority: -1, subject: {namespaces: {}}}\n"),
        Codes.ADMIN_PRIORITY));
    assertTrue(has(errors(ANP + "metadata: {name: a}\nspec: {subject: {namespaces: {}}}\n"), Codes.MISSING_FIELD));
  }

  @Test
  void baselineMustBeNamedDefault() {
    List<Diagnostic> ds = errors(BANP + "metadata: {name: mine}\nspec: {subject: {namespaces: {}}}\n");
    assertTrue(has(ds, Codes.BANP_NAME));
  }

  @Test
  void baselineHasNoPassAndNoPriority() {
    assertTrue(has(errors(BANP + """
        metadata: {name: default}
        spec:
          subject: {namespaces: {}}
          ingress: [{action: Pass, from: [{namespaces: {}}]}]
        """), Codes.ADMIN_ACTION));
    assertTrue(has(errors(BANP + "metadata: {name: default}\nspec: {priority: 1, subject: {namespaces: {}}}\n"),
        Codes.UNKNOWN_FIELD));
  }

  @Test
  void samePriorityWarnsWithBothLocations() throws Exception {
    LoadResult r = load(ANP + "metadata: {name: a}\nspec: {priority: 3, subject: {namespaces: {}}}\n---\n"
        + ANP + "metadata: {name: b}\nspec: {priority: 3, subject: {namespaces: {}}}\n");
    Diagnostic d = r.diagnostics().stream().filter(x -> x.code().equals(Codes.ADMIN_SAME_PRIORITY)).findFirst()
        .orElseThrow();
    assertTrue(d.message().contains("t.yaml:1") && d.location().toString().contains("t.yaml:6"), d.oneLine());
  }

  @Test
  void subjectPeerAndPortNeedExactlyOneField() {
    assertTrue(has(errors(ANP + "metadata: {name: a}\nspec: {priority: 1, subject: {}}\n"), Codes.ADMIN_ONE_OF));
    assertTrue(has(errors(ANP + """
        metadata: {name: a}
        spec:
          priority: 1
          subject: {namespaces: {}}
          ingress: [{action: Allow, from: [{namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}]}]
        """), Codes.ADMIN_ONE_OF));
    assertTrue(has(errors(ANP + """
        metadata: {name: a}
        spec:
          priority: 1
          subject: {namespaces: {}}
          ingress: [{action: Allow, from: [{namespaces: {}}], ports: [{}]}]
        """), Codes.ADMIN_ONE_OF));
    // networks and nodes are egress-only peers
    assertTrue(has(errors(ANP + """
        metadata: {name: a}
        spec:
          priority: 1
          subject: {namespaces: {}}
          ingress: [{action: Allow, from: [{networks: [10.0.0.0/8]}]}]
        """), Codes.UNKNOWN_FIELD));
  }

  @Test
  void rulesNeedAnActionAndPeers() {
    List<Diagnostic> ds = errors(ANP + """
        metadata: {name: a}
        spec:
          priority: 1
          subject: {namespaces: {}}
          ingress: [{action: allow, from: []}]
        """);
    assertTrue(has(ds, Codes.ADMIN_ACTION));
    assertTrue(has(ds, Codes.ADMIN_LIMIT));
    assertTrue(has(errors(ANP + """
        metadata: {name: a}
        spec:
          priority: 1
          subject: {namespaces: {}}
          ingress: [{action: Allow, from: [{namespaces: {}}], ports: [{portRange: {start: 90, end: 80}}]}]
        """), Codes.PORT_RANGE));
  }

  /** In v1alpha1 AdminNetworkPolicy and v1alpha2 ClusterNetworkPolicy alike. */
  @ParameterizedTest
  @ValueSource(strings = {ANP + "metadata: {name: a}\nspec:\n  priority: 1\n",
      "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: a}\nspec:\n"
          + "  tier: Admin\n  priority: 1\n"})
  void nodesPeersWithoutNodeManifestsAreWarnedAbout(String head) throws Exception {
    String policy = head + """
          subject: {namespaces: {}}
          egress: [{action: Deny, to: [{nodes: {matchLabels: {role: control-plane}}}]}]
        """;
    LoadResult r = load(policy);
    assertTrue(has(r.diagnostics(), Codes.ADMIN_NODES_PEER));
    assertEquals(List.of(new Peer.Nodes(LabelSelector.matchLabels(Map.of("role", "control-plane")))),
        r.cluster().adminPolicies().get(0).egress().get(0).peers());
    // With Node manifests (and no hostNetwork pods) the peer means what it says: nothing to warn about.
    LoadResult withNodes = load(policy + """
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: cp-1, labels: {role: control-plane}}
        status: {addresses: [{type: InternalIP, address: 10.0.0.1}]}
        """);
    assertTrue(!has(withNodes.diagnostics(), Codes.ADMIN_NODES_PEER), withNodes.diagnostics().toString());
  }

  @Test
  void firstReleaseShapeIsReadWithANoteAndSameLabelsRejected() throws Exception {
    LoadResult r = load(ANP + """
        metadata: {name: a}
        spec:
          priority: 1
          subject: {namespaces: {}}
          ingress:
          - action: Allow
            from:
            - namespaces: {namespaceSelector: {matchLabels: {x: y}}}
            - pods: {namespaces: {namespaceSelector: {}}, podSelector: {matchLabels: {app: w}}}
        """);
    assertTrue(has(r.diagnostics(), Codes.ADMIN_LEGACY_PEER));
    assertEquals(2, r.cluster().adminPolicies().get(0).ingress().get(0).peers().size());
    assertTrue(has(errors(ANP + """
        metadata: {name: a}
        spec:
          priority: 1
          subject: {namespaces: {}}
          ingress: [{action: Allow, from: [{namespaces: {sameLabels: [tenant]}}]}]
        """), Codes.ADMIN_UNSUPPORTED));
  }

  @Test
  void wrongVersionIsAnError() {
    assertTrue(has(errors("apiVersion: policy.networking.k8s.io/v1beta1\nkind: AdminNetworkPolicy\n"
        + "metadata: {name: a}\nspec: {}\n"), Codes.API_VERSION));
    // ClusterNetworkPolicy is read only as v1alpha2 and v1beta1.
    assertTrue(has(errors("apiVersion: policy.networking.k8s.io/v1alpha1\nkind: ClusterNetworkPolicy\n"
        + "metadata: {name: c}\nspec: {}\n"), Codes.API_VERSION));
  }
}
