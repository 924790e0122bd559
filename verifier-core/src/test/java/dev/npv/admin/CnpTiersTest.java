package dev.npv.admin;

import java.util.List;

/**
 * Each ClusterNetworkPolicy action and the tier order (policy.networking.k8s.io/v1alpha2,
 * apis/v1alpha2/clusternetworkpolicy_types.go) in both evaluators, on the admin-tiers cluster with the
 * policies of {@code resources/cnp-tiers}: Admin tier by priority (lower first) then rule order, Accept
 * and Deny final, Admin Pass to NetworkPolicy; the Baseline tier only for pods no NetworkPolicy
 * isolates, several policies by priority, and a Baseline Pass skips the rest of the tier to the default,
 * which allows ("If a given connection wasn't allowed or denied by any of the tiers, ... all pods can
 * communicate").
 */
class CnpTiersTest extends TierFixtureTest {
  @Override
  List<String> resources() {
    return List.of("/admin-tiers/cluster.yaml", "/cnp-tiers");
  }

  @Override
  String probes() {
    return """
      mon/prom;t1/db;TCP;9095;ALLOW;allowed by [CNP Admin] monitoring ingress rule 0 (scrape) Accept
      t2/web;t1/web;TCP;80;DENY;denied by [CNP Admin] tenant-isolation ingress rule 1 (deny-other-tenants) Deny
      t2/web;t1/web;TCP;8080;ALLOW;allowed by [CNP Admin] web-exceptions ingress rule 0 (web-8080) Accept
      t2/web;t1/web;TCP;9100;ALLOW;allowed by [CNP Admin] web-exceptions ingress rule 0 (web-8080) Accept
      t2/web;t1/web;UDP;9100;DENY;denied by [CNP Admin] tenant-isolation ingress rule 1 (deny-other-tenants) Deny
      t2/web;t1/web;TCP;443;ALLOW;passed by [CNP Admin] tenant-isolation ingress rule 0 (pass-https) Pass; allowed by t1/web-open ingress rule 0
      t2/web;t1/db;TCP;443;DENY;passed by [CNP Admin] tenant-isolation ingress rule 0 (pass-https) Pass; isolated for ingress by t1/db-closed
      mon/prom;t1/db;TCP;80;DENY;passed by [CNP Admin] tenant-isolation ingress rule 2 (pass-monitoring) Pass; isolated
      mon/prom;t1/web;TCP;80;ALLOW;allowed by t1/web-open ingress rule 0
      t1/web;t2/web;TCP;80;ALLOW;passed by [CNP Baseline] z-baseline-first ingress rule 1 (tenant-a-passes) Pass to the default tier; allowed
      mon/prom;t2/web;TCP;80;ALLOW;allowed by [CNP Baseline] z-baseline-first ingress rule 0 (monitoring-in) Accept
      t2/web;mon/prom;UDP;53;DENY;denied by [CNP Baseline] a-baseline-deny ingress rule 0 (default-deny) Deny
      t1/db;t1/web;TCP;80;ALLOW;allowed by t1/web-open ingress rule 0
      t1/web;8.8.8.8;UDP;53;DENY;denied by [CNP Admin] tenant-isolation egress rule 0 (no-dns-google) Deny
      t1/web;8.8.8.8;TCP;53;ALLOW;not isolated
      t1/web;1.1.1.1;UDP;53;ALLOW;not isolated
      """;
  }

  @Override
  List<String> refutations() {
    return List.of(
        "t2/web;t1/web;80;[CNP Admin] tenant-isolation ingress rule 1 (deny-other-tenants) Deny",
        "t2/web;mon/prom;80;[CNP Baseline] a-baseline-deny ingress rule 0 (default-deny) Deny");
  }
}
