package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.model.UnmodelledPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which objects npv keeps aside as policies it does not model, and where each may select pods. */
class UnmodelledKindsTest {
  private static List<UnmodelledPolicy> keptAside(String yaml, LoadOptions options) throws Exception {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), options).cluster().unmodelledPolicies();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = ';', value = {
      "crd.antrea.io/v1beta1;NetworkPolicy;web",
      "crd.antrea.io/v1beta1;ClusterNetworkPolicy;",
      "cilium.io/v2;CiliumNetworkPolicy;web",
      "cilium.io/v2;CiliumClusterwideNetworkPolicy;",
      "projectcalico.org/v3;NetworkPolicy;web",
      "projectcalico.org/v3;GlobalNetworkPolicy;",
      "crd.projectcalico.org/v1;StagedGlobalNetworkPolicy;",
      "k8s.cni.cncf.io/v1beta1;MultiNetworkPolicy;web",
      "k8s.ovn.org/v1;EgressFirewall;web",
      "example.com/v1;SomeoneElsesNetworkPolicy;"})
  void policyKindsNpvDoesNotModelAreKeptAsideWithTheirScope(String apiVersion, String kind, String namespace)
      throws Exception {
    List<UnmodelledPolicy> kept = keptAside("apiVersion: " + apiVersion + "\nkind: " + kind
        + "\nmetadata: {name: p, namespace: web}\n", LoadOptions.defaults());
    assertEquals(1, kept.size());
    assertEquals(Optional.ofNullable(namespace), kept.get(0).namespace(), "namespaced kinds keep their namespace;"
        + " others are cluster-wide, whatever their metadata says");
    assertEquals(kind, kept.get(0).ignoreKey());
  }

  @Test
  void namespacedKindWithoutNamespaceTakesTheLoadsNamespace() throws Exception {
    String yaml = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p}\n";
    assertEquals(Optional.of("default"), keptAside(yaml, LoadOptions.defaults()).get(0).namespace());
    assertEquals(Optional.of("shop"), keptAside(yaml, LoadOptions.defaults().withNamespace("shop")).get(0).namespace());
  }

  @Test
  void addressSetsAndIgnoredKindsAreNotKept() throws Exception {
    String sets = "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkSet\nmetadata: {name: s}\n---\n"
        + "apiVersion: projectcalico.org/v3\nkind: NetworkSet\nmetadata: {name: s, namespace: web}\n";
    assertTrue(keptAside(sets, LoadOptions.defaults()).isEmpty());
    String two = "apiVersion: crd.antrea.io/v1beta1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: web}\n---\n"
        + "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: c, namespace: web}\n";
    List<UnmodelledPolicy> onlyCalico = keptAside(two, LoadOptions.defaults()
        .withIgnoreUnmodelled(UnmodelledKinds.parse("NetworkPolicy.crd.antrea.io").orElseThrow()));
    assertEquals(List.of("projectcalico.org/v3"), onlyCalico.stream().map(UnmodelledPolicy::apiVersion).toList());
    assertTrue(keptAside(two, LoadOptions.defaults().withIgnoreUnmodelled(UnmodelledKinds.ALL)).isEmpty());
    assertFalse(keptAside(two, LoadOptions.defaults()
        .withIgnoreUnmodelled(UnmodelledKinds.parse("CiliumNetworkPolicy").orElseThrow())).isEmpty());
  }

  @Test
  void parsesTheOptionValue() {
    assertEquals(Optional.of(UnmodelledKinds.ALL), UnmodelledKinds.parse(" ALL "));
    assertTrue(UnmodelledKinds.parse("A,,B").isEmpty());
    assertTrue(UnmodelledKinds.parse("GlobalNetworkPolicy").orElseThrow().ignores("GlobalNetworkPolicy",
        "projectcalico.org/v3"));
    assertFalse(UnmodelledKinds.parse("NetworkPolicy.crd.antrea.io").orElseThrow().ignores("NetworkPolicy",
        "projectcalico.org/v3"));
  }
}
