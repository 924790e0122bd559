package dev.npv.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.eval.EvaluatorOptions;
import dev.npv.testutil.Golden;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every format on the sample cluster, against golden files in src/test/resources/connectivity/. */
class ConnectivityRenderersTest {
  private static final ConnectivityReport REPORT =
      new ConnectivityAnalyzer(SampleCluster.build(), EvaluatorOptions.DEFAULT).analyze();

  @ParameterizedTest
  @EnumSource(ConnectivityFormat.class)
  void matchesGoldenFile(ConnectivityFormat format) {
    String ext = format.name().toLowerCase(Locale.ROOT);
    Golden.assertMatches("connectivity/sample." + ext, format.renderer().render(REPORT));
  }

  @ParameterizedTest
  @EnumSource(ConnectivityFormat.class)
  void isDeterministic(ConnectivityFormat format) {
    ConnectivityReport again = new ConnectivityAnalyzer(SampleCluster.build(), EvaluatorOptions.DEFAULT).analyze();
    assertEquals(format.renderer().render(REPORT), format.renderer().render(again));
  }

  @Test
  void textIsExactlyAsSpecified() {
    assertEquals("""
        myapp/backend (Deployment) -> myapp/db (StatefulSet): TCP 5432
        myapp/frontend (Deployment) -> myapp/backend (Deployment): TCP 5555
        myapp/frontend (Deployment) -> 0.0.0.0-9.255.255.255 (External): TCP 443,8080-8090
        myapp/frontend (Deployment) -> 11.0.0.0-255.255.255.255 (External): TCP 443,8080-8090
        other/client (Pod) -> 0.0.0.0/0 (External): all
        other/client (Pod) -> ::/0 (External): all
        0.0.0.0/0 (External) -> other/client (Pod): all
        ::/0 (External) -> other/client (Pod): all
        """, ConnectivityFormat.TEXT.renderer().render(REPORT));
  }

  @Test
  void csvQuotesPortListsAndHasAHeader() {
    String csv = ConnectivityFormat.CSV.renderer().render(REPORT);
    assertEquals("src,srcKind,dst,dstKind,protocol,ports", csv.lines().findFirst().orElseThrow());
    assertEquals("myapp/frontend,Deployment,0.0.0.0-9.255.255.255,External,TCP,\"443,8080-8090\"",
        csv.lines().filter(l -> l.startsWith("myapp/frontend,Deployment,0.")).findFirst().orElseThrow());
  }

  @Test
  void formatsParseCaseInsensitively() {
    assertEquals(ConnectivityFormat.MD, ConnectivityFormat.parse("md").orElseThrow());
    assertEquals(ConnectivityFormat.JSON, ConnectivityFormat.parse(" Json ").orElseThrow());
    assertEquals(Optional.empty(), ConnectivityFormat.parse("yaml"));
  }
}
