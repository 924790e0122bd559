package dev.npv.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.eval.ReferenceEvaluator;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.model.Protocol;
import dev.npv.report.ExplainJsonRenderer;
import dev.npv.report.ExplainTextRenderer;
import dev.npv.testutil.Golden;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Explanations of connections on the bundled examples, compared with golden files under
 * src/test/resources/explain ({@code -Dgolden.update=true} rewrites them), and always with the
 * reference evaluator's verdict.
 */
class ExplainGoldenTest {
  static Cluster load(String example) throws Exception {
    return new ClusterLoader().load(List.of("../specs/examples/" + example), LoadOptions.defaults()).cluster();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "seed-frontend-to-backend | seed | myapp/frontend | myapp/backend | TCP | 5555",
      "seed-shop-to-backend | seed | shop/frontend | myapp/backend | TCP | 5555",
      "seed-new-namespace | seed | ns:project=myApp/pod:app=frontend | myapp/backend | TCP | 5555",
      "seed-wrong-pod | seed | namespace:myapp/pod:app=web | myapp/backend | TCP | 5555",
      "seed-metrics-port | seed | myapp/frontend | myapp/backend | TCP | 9090",
      "shop-web-to-api | shop | shop/web | shop/api | TCP | 9000",
      "shop-api-to-db-wrong-port | shop | shop/api | shop/db | TCP | 5555",
      "shop-ingress-to-web | shop | ingress-nginx/controller | shop/web | TCP | 8080",
      "shop-ingress-to-web-udp | shop | ingress-nginx/controller | shop/web | UDP | 8080",
      "shop-api-to-internet | shop | shop/api | 203.0.113.200 | TCP | 443",
      "shop-web-dns | shop | shop/web | kube-system/coredns | UDP | 53",
  })
  void golden(String name, String example, String from, String to, Protocol protocol, int port) throws Exception {
    Cluster c = load(example);
    Endpoint src = ConcreteEndpoints.parse(c, List.of(from));
    Endpoint dst = ConcreteEndpoints.parse(c, List.of(to));
    Connection conn = new Connection(src, dst, protocol, port);
    Explanation e = new Explainer(c, EvaluatorOptions.DEFAULT).explain(conn);
    assertEquals(new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT).allows(conn), e.allowed());
    Golden.assertMatches("explain/" + name + ".txt", new ExplainTextRenderer().render(e));
    Golden.assertMatches("explain/" + name + ".json", new ExplainJsonRenderer().render(e));
  }

  @Test
  void reasonsNameTheMismatch() throws Exception {
    Cluster c = load("seed");
    String text = new ExplainTextRenderer().render(new Explainer(c, EvaluatorOptions.DEFAULT).explain(
        new Connection(ConcreteEndpoints.parse(c, List.of("shop/frontend")),
            ConcreteEndpoints.parse(c, List.of("myapp/backend")), Protocol.TCP, 80)));
    assertTrue(text.contains("namespaceSelector project=myApp does not match namespace shop (project=shop)"), text);
    assertTrue(text.contains("port TCP 80 not in rule port TCP 5555"), text);
  }

  @Test
  void endpointForms() throws Exception {
    Cluster c = load("seed");
    Endpoint.PodEndpoint p = (Endpoint.PodEndpoint) ConcreteEndpoints.parse(c,
        List.of("ns:kubernetes.io/metadata.name=myapp", "pod:app=frontend,tier=web"));
    assertEquals("myapp", p.namespace());
    assertEquals("myApp", p.namespaceLabels().get("project"), "an existing namespace keeps its labels");
    assertEquals(2, p.labels().size());
    Endpoint.PodEndpoint fresh = (Endpoint.PodEndpoint) ConcreteEndpoints.parse(c, List.of("ns:team=x/pod:app=a"));
    assertEquals(ConcreteEndpoints.NEW_NAMESPACE, fresh.namespace());
    assertEquals("default", ((Endpoint.PodEndpoint) ConcreteEndpoints.parse(c, List.of("app=a"))).namespace());
    assertTrue(ConcreteEndpoints.parse(c, List.of("10.0.0.1")) instanceof Endpoint.External);
    assertThrows(IllegalArgumentException.class, () -> ConcreteEndpoints.parse(c, List.of("myapp/nope")));
    assertThrows(IllegalArgumentException.class, () -> ConcreteEndpoints.parse(c, List.of("10.0.0.0/24")));
    assertThrows(IllegalArgumentException.class, () -> ConcreteEndpoints.parse(c, List.of("pod:app in (a,b)")));
  }
}
