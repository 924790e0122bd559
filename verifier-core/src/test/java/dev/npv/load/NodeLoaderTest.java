package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.Severity;
import dev.npv.model.IpAddress;
import dev.npv.model.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** core/v1 Node manifests: name, labels and the IPs of status.addresses, validated and located. */
class NodeLoaderTest {
  private static final String NODE = "apiVersion: v1\nkind: Node\n";

  private static LoadResult load(String yaml) throws InvalidInputException {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults());
  }

  private static Diagnostic onlyError(String yaml) {
    List<Diagnostic> errors = assertThrows(InvalidInputException.class, () -> load(yaml)).diagnostics().stream()
        .filter(d -> d.severity() == Severity.ERROR).toList();
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  @Test
  void readsNameLabelsAndTheIpAddresses() throws Exception {
    LoadResult r = load(NODE + """
        metadata: {name: worker-1, labels: {role: infra, kubernetes.io/hostname: worker-1}, uid: x}
        spec: {podCIDR: 10.244.1.0/24, taints: [{key: k, effect: NoSchedule}]}
        status:
          capacity: {cpu: "4"}
          addresses:
          - {type: InternalIP, address: 10.0.0.5}
          - {type: ExternalIP, address: "2001:db8::5"}
          - {type: Hostname, address: worker-1}
          - {type: InternalDNS, address: worker-1.internal}
          - {type: InternalIP, address: 10.0.0.5}
        """);
    Node n = r.cluster().nodes().get(0);
    assertEquals("worker-1", n.name());
    assertEquals(Map.of("role", "infra", "kubernetes.io/hostname", "worker-1"), n.labels());
    // Names are not addresses; a repeated IP counts once.
    assertEquals(List.of(IpAddress.v4("10.0.0.5"), IpAddress.parse("2001:db8::5").orElseThrow()), n.addresses());
    assertEquals(n, r.cluster().nodeAt(IpAddress.v4("10.0.0.5")).orElseThrow());
    assertEquals(1, n.location().line());
  }

  @Test
  void nodesComeSortedByNameAndInTypedLists() throws Exception {
    LoadResult r = load("""
        apiVersion: v1
        kind: NodeList
        items:
        - metadata: {name: b}
          status: {addresses: [{type: InternalIP, address: 10.0.0.2}]}
        - metadata: {name: a}
          status: {addresses: [{type: InternalIP, address: 10.0.0.1}]}
        """);
    assertEquals(List.of("a", "b"), r.cluster().nodes().stream().map(Node::name).toList());
  }

  @Test
  void aNodeWithoutAnIpIsKeptWithAWarning() throws Exception {
    LoadResult r = load(NODE + "metadata: {name: n}\nstatus: {addresses: [{type: Hostname, address: n}]}\n");
    assertEquals(List.of(), r.cluster().nodes().get(0).addresses());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals(Codes.NODE_NO_ADDRESS)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad IP            | metadata: {name: n}\\nstatus: {addresses: [{type: InternalIP, address: 10.0.0.256}]} | NPV-E-IP | 4",
      "IP with prefix    | metadata: {name: n}\\nstatus: {addresses: [{type: ExternalIP, address: 10.0.0.1/32}]} | NPV-E-IP | 4",
      "lenient IP form   | metadata: {name: n}\\nstatus: {addresses: [{type: InternalIP, address: 010.0.0.1}]} | NPV-E-IP | 4",
      "unknown type      | metadata: {name: n}\\nstatus: {addresses: [{type: InternalIp, address: 10.0.0.1}]} | NPV-E-NODE-ADDRESS-TYPE | 4",
      "missing address   | metadata: {name: n}\\nstatus: {addresses: [{type: InternalIP}]} | NPV-E-MISSING-FIELD | 4",
      "unknown field     | metadata: {name: n}\\nstatus: {addresses: [{type: InternalIP, address: 10.0.0.1, ip: x}]} | NPV-E-UNKNOWN-FIELD | 4",
      "bad label key     | metadata: {name: n, labels: {'-x': y}} | NPV-E-LABEL-KEY | 3",
      "bad label value   | metadata: {name: n, labels: {x: '-y'}} | NPV-E-LABEL-VALUE | 3",
      "bad name          | metadata: {name: N_1} | NPV-E-NAME | 3",
      "addresses no list | metadata: {name: n}\\nstatus: {addresses: 10.0.0.1} | NPV-E-TYPE | 4",
      "top-level field   | metadata: {name: n}\\nstats: {} | NPV-E-UNKNOWN-FIELD | 4",
  })
  void badNodesAreLocatedErrors(String what, String body, String code, int line) {
    Diagnostic d = onlyError(NODE + body.replace("\\n", "\n") + "\n");
    assertEquals(code, d.code(), d.toString());
    assertEquals(line, d.location().line(), d.toString());
  }

  @Test
  void twoNodesWithOneAddressAreRejected() {
    Diagnostic d = onlyError(NODE + """
        metadata: {name: a}
        status: {addresses: [{type: InternalIP, address: 10.0.0.1}]}
        ---
        """ + NODE + """
        metadata: {name: b}
        status: {addresses: [{type: ExternalIP, address: 10.0.0.1}]}
        """);
    assertEquals(Codes.NODE_ADDRESS_SHARED, d.code());
    assertTrue(d.message().contains("node a"), d.message());
  }

  @Test
  void duplicateNodesAndOtherVersionsAreRejected() {
    assertEquals(Codes.DUPLICATE_OBJECT, onlyError(NODE + "metadata: {name: a}\n---\n" + NODE
        + "metadata: {name: a}\n").code());
    assertEquals(Codes.API_VERSION, onlyError("apiVersion: v2\nkind: Node\nmetadata: {name: a}\n").code());
  }
}
