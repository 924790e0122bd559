package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Objects without a file (as read from an API server): validated like files, located by their names. */
class LoadObjectsTest {
  private static final String NAMESPACE = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shop\"}}";
  private static final String POLICY = """
      {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny","namespace":"shop"},
       "spec":{"podSelector":{},"policyTypes":["Ingress"],"ingress":[{"from":[{"podSelector":{"matchLabels":{"app":"web"}}}]}]}}
      """;

  @Test
  void everyLocationIsTheObjectsName() throws InvalidInputException {
    LoadResult r = new ClusterLoader().loadObjects(List.of(
        new SourceText("cluster:kind/Namespace/shop", NAMESPACE),
        new SourceText("cluster:kind/NetworkPolicy/shop/deny", POLICY)), LoadOptions.defaults());
    Policy p = r.cluster().policies().get(0);
    assertEquals(SourceLocation.ofFile("cluster:kind/NetworkPolicy/shop/deny"), p.location());
    assertEquals(SourceLocation.ofFile("cluster:kind/NetworkPolicy/shop/deny"), p.ingress().get(0).location());
    assertEquals("cluster:kind/Namespace/shop", r.cluster().namespace("shop").orElseThrow().location().toString());
  }

  @Test
  void errorsAreValidatedAsInFilesAndLocatedByName() {
    String bad = POLICY.replace("\"from\"", "\"fromm\"");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ClusterLoader().loadObjects(
        List.of(new SourceText("cluster:kind/NetworkPolicy/shop/deny", bad)), LoadOptions.defaults()));
    Diagnostic error = e.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
    assertTrue(error.message().contains("fromm"), error.oneLine());
    assertEquals("cluster:kind/NetworkPolicy/shop/deny", error.location().toString());
    assertFalse(error.location().isKnown()); // no line or column of a serialisation nobody sees
  }

  @Test
  void yamlLevelFindingsLoseTheirPositionToo() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ClusterLoader().loadObjects(
        List.of(new SourceText("cluster:kind/Pod/shop/web", "{\"a\": 1, \"a\": 2}")), LoadOptions.defaults()));
    assertEquals("cluster:kind/Pod/shop/web", e.diagnostics().get(0).location().toString());
  }
}
