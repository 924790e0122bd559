package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.diag.Diagnostic;
import dev.npv.model.AdminApi;
import dev.npv.model.AdminPolicy;
import dev.npv.model.AdminTier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * policy.networking.k8s.io/v1beta1 ClusterNetworkPolicy (kubernetes-sigs/network-policy-api
 * apis/v1beta1/clusternetworkpolicy_types.go). Its schema is v1alpha2's field for field, with the same
 * validation markers, so every accepted shape and every refusal of {@link ClusterNetworkPolicyLoaderTest}
 * runs here again for v1beta1; the one difference, the CIDR's CEL rule
 * {@code isCIDR(self) && cidr(self) == cidr(self).masked()}, is tested below.
 */
class ClusterNetworkPolicyV1beta1LoaderTest extends ClusterNetworkPolicyLoaderTest {
  private static final String V1ALPHA2 = "policy.networking.k8s.io/v1alpha2";

  @Override
  String apiVersion() {
    return "policy.networking.k8s.io/v1beta1";
  }

  /** v1beta1 refuses host bits ("Invalid CIDR format provided"): a located error with the network address. */
  @Test
  @Override
  void aCidrWithHostBitsInNetworks() {
    Diagnostic d = error(cnp("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\n"
        + "egress:\n- action: Deny\n  to:\n  - networks: [10.0.0.0/8, 10.1.2.3/8]"), Codes.CIDR);
    assertEquals("t.yaml", d.location().file());
    assertEquals(11, d.location().line(), d::oneLine);
    assertEquals(30, d.location().column(), d::oneLine);
    assertTrue(d.message().contains("write 10.0.0.0/8"), d::oneLine);
    Diagnostic v6 = error(cnp("tier: Baseline\npriority: 1\nsubject: {namespaces: {}}\n"
        + "egress: [{action: Accept, to: [{networks: [\"fd00::1/8\"]}]}]"), Codes.CIDR);
    assertTrue(v6.message().contains("write fd00::/8"), v6::oneLine);
  }

  @Test
  void aNetworkAddressLoadsWithoutWarnings() throws Exception {
    LoadResult r = load(cnp("tier: Admin\npriority: 1\nsubject: {namespaces: {}}\n"
        + "egress: [{action: Deny, to: [{networks: [10.0.0.0/8, \"fd00::/8\", 10.244.1.10/32]}]}]"));
    assertFalse(r.diagnostics().stream().anyMatch(d -> d.code().startsWith("NPV-W")), r.diagnostics()::toString);
    assertEquals(3, r.cluster().adminPolicies().get(0).egress().get(0).peers().size());
  }

  /**
   * Both versions go into the same tiers, ordered by priority; loading both is warned about (a cluster
   * holds both only if its CRD serves both).
   */
  @Test
  void mixingV1alpha2AndV1beta1IsWarnedAndSharesEachTierByPriority() throws Exception {
    LoadResult r = load(cnp("b", "tier: Admin\npriority: 5\nsubject: {namespaces: {}}") + "---\n"
        + cnp("c", "tier: Baseline\npriority: 1\nsubject: {namespaces: {}}") + "---\n"
        + cnp("a", "tier: Admin\npriority: 9\nsubject: {namespaces: {}}").replace(apiVersion(), V1ALPHA2) + "---\n"
        + cnp("d", "tier: Baseline\npriority: 0\nsubject: {namespaces: {}}").replace(apiVersion(), V1ALPHA2));
    List<Diagnostic> mixed = r.diagnostics().stream().filter(d -> d.code().equals(Codes.ADMIN_MIXED_VERSIONS))
        .toList();
    assertEquals(1, mixed.size(), r.diagnostics()::toString);
    assertTrue(mixed.get(0).message().contains(V1ALPHA2) && mixed.get(0).message().contains(apiVersion()),
        mixed.get(0)::oneLine);
    assertEquals(List.of("[CNP Admin] b", "[CNP Admin] a"), r.cluster().adminTier().stream()
        .map(AdminPolicy::toString).toList());
    assertEquals(List.of("[CNP Baseline] d", "[CNP Baseline] c"), r.cluster().baselineTier().stream()
        .map(AdminPolicy::toString).toList());
    assertTrue(r.cluster().adminPolicies().stream().allMatch(p -> p.api() == AdminApi.CNP));
  }

  @Test
  void oneVersionAloneIsNotWarnedAsMixed() throws Exception {
    LoadResult r = load(cnp("b", "tier: Admin\npriority: 5\nsubject: {namespaces: {}}") + "---\n"
        + cnp("c", "tier: Baseline\npriority: 1\nsubject: {namespaces: {}}"));
    assertFalse(has(r.diagnostics(), Codes.ADMIN_MIXED_VERSIONS), r.diagnostics()::toString);
  }

  /** The two versions are one resource: the same name in both is one object defined twice. */
  @Test
  void theSameNameInBothVersionsIsADuplicate() {
    Diagnostic d = error(cnp("a", "tier: Admin\npriority: 5\nsubject: {namespaces: {}}") + "---\n"
        + cnp("a", "tier: Admin\npriority: 6\nsubject: {namespaces: {}}").replace(apiVersion(), V1ALPHA2),
        Codes.DUPLICATE_OBJECT);
    assertEquals(11, d.location().line(), d::oneLine); // the second object's name
  }

  @Test
  void aTypedListOfV1beta1ItemsLoads() throws Exception {
    LoadResult r = load("apiVersion: " + apiVersion() + "\nkind: ClusterNetworkPolicyList\nitems:\n"
        + "- metadata: {name: a}\n  spec: {tier: Baseline, priority: 2, subject: {namespaces: {}}}\n");
    assertEquals(AdminTier.BASELINE, r.cluster().adminPolicies().get(0).tier());
  }

  @Test
  void anotherVersionIsRefusedNamingBothReadOnes() {
    Diagnostic d = error(cnp("tier: Admin\npriority: 5\nsubject: {namespaces: {}}").replace(apiVersion(),
        "policy.networking.k8s.io/v1beta2"), Codes.API_VERSION);
    assertEquals(1, d.location().line(), d::oneLine);
    assertTrue(d.message().contains("write apiVersion: " + apiVersion() + " or " + V1ALPHA2), d::oneLine);
  }
}
