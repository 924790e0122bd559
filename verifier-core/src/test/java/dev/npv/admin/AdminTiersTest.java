package dev.npv.admin;

import java.util.List;

/**
 * Each admin action and the tier order (ANP by priority and rule order, Pass to NetworkPolicy,
 * BaselineAdminNetworkPolicy only for pods no NetworkPolicy isolates) on the fixture in
 * {@code resources/admin-tiers}, in BOTH evaluators: the reference evaluator (verdict and the
 * explanation naming the deciding tier and rule) and the SMT encoder (closed-world proof per probe).
 */
class AdminTiersTest extends TierFixtureTest {
  @Override
  List<String> resources() {
    return List.of("/admin-tiers");
  }

  @Override
  String probes() {
    return """
      mon/prom;t1/db;TCP;9095;ALLOW;allowed by [ANP] monitoring ingress rule 0 (scrape) Allow
      t2/web;t1/web;TCP;80;DENY;denied by [ANP] tenant-isolation ingress rule 1 (deny-other-tenants) Deny
      t2/web;t1/web;TCP;8080;ALLOW;allowed by [ANP] early ingress rule 0 (web-8080) Allow
      t2/web;t1/web;TCP;9100;ALLOW;allowed by [ANP] early ingress rule 0 (web-8080) Allow
      t2/web;t1/web;TCP;443;ALLOW;passed by [ANP] tenant-isolation ingress rule 0 (pass-https) Pass; allowed by t1/web-open ingress rule 0
      t2/web;t1/db;TCP;443;DENY;passed by [ANP] tenant-isolation ingress rule 0 (pass-https) Pass; isolated for ingress by t1/db-closed
      mon/prom;t1/db;TCP;80;DENY;passed by [ANP] tenant-isolation ingress rule 2 (pass-monitoring) Pass; isolated
      mon/prom;t1/web;TCP;80;ALLOW;allowed by t1/web-open ingress rule 0
      t1/web;t2/web;TCP;80;DENY;denied by [BANP] default ingress rule 1 (default-deny) Deny
      mon/prom;t2/web;TCP;80;ALLOW;allowed by [BANP] default ingress rule 0 (monitoring-in) Allow
      t1/db;t1/web;TCP;80;ALLOW;allowed by t1/web-open ingress rule 0
      t2/web;mon/prom;UDP;53;DENY;denied by [BANP] default ingress rule 1 (default-deny) Deny
      t1/web;8.8.8.8;UDP;53;DENY;denied by [ANP] tenant-isolation egress rule 0 (no-dns-google) Deny
      t1/web;1.1.1.1;UDP;53;ALLOW;not isolated
      """;
  }

  @Override
  List<String> refutations() {
    return List.of(
        "t2/web;t1/web;80;[ANP] tenant-isolation ingress rule 1 (deny-other-tenants) Deny",
        "t1/web;t2/web;80;[BANP] default ingress rule 1 (default-deny) Deny");
  }
}
