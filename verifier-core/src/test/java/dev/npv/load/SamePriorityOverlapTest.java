package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.diag.Diagnostic;
import dev.npv.model.AdminSubject;
import dev.npv.model.Cluster;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two admin policies of one tier with one priority: "the implementation can apply any of the matching
 * policies" (ClusterNetworkPolicySpec.priority). Warned about, with both locations and a witness pod,
 * exactly when some pod that could be deployed (open world) is selected by both subjects.
 */
class SamePriorityOverlapTest {
  private static final String NS = "apiVersion: v1\nkind: Namespace\nmetadata: {name: t1, labels: {tenant: a}}\n"
      + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: t1, labels: {app: web}}\n"
      + "spec: {containers: [{name: c}]}\n";

  private static String anp(String name, int priority, String subject) {
    return "---\napiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: " + name
        + "}\nspec: {priority: " + priority + ", subject: " + subject + "}\n";
  }

  private static String cnp(String name, String tier, int priority, String subject) {
    return "---\napiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: " + name
        + "}\nspec: {tier: " + tier + ", priority: " + priority + ", subject: " + subject + "}\n";
  }

  private static List<Diagnostic> samePriority(String yaml) throws Exception {
    return new ClusterLoader().loadTexts(List.of(new SourceText("t.yaml", yaml)), LoadOptions.defaults())
        .diagnostics().stream().filter(d -> d.code().equals(Codes.ADMIN_SAME_PRIORITY)).toList();
  }

  @Test
  void anpsSelectingALoadedPodWarnWithBothLocationsAndThePod() throws Exception {
    List<Diagnostic> ds = samePriority(NS + anp("a", 3, "{namespaces: {matchLabels: {tenant: a}}}")
        + anp("b", 3, "{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}"));
    assertEquals(1, ds.size(), ds::toString);
    Diagnostic d = ds.get(0);
    assertTrue(d.message().contains("[ANP] a (at t.yaml:10:1)"), d.oneLine());
    assertEquals(15, d.location().line(), d.oneLine());
    assertTrue(d.message().contains("the loaded workload Pod t1/web"), d.oneLine());
  }

  @Test
  void baselineCnpsThatOnlyAFutureNamespaceCouldJoinWarnWithThatNamespace() throws Exception {
    List<Diagnostic> ds = samePriority(NS + cnp("a", "Baseline", 7, "{namespaces: {matchLabels: {tenant: a}}}")
        + cnp("b", "Baseline", 7, "{namespaces: {matchLabels: {env: prod}}}"));
    assertEquals(1, ds.size(), ds::toString);
    assertTrue(ds.get(0).message().contains("[CNP Baseline] a (at t.yaml:10:1) and [CNP Baseline] b"),
        ds.get(0).oneLine());
    assertTrue(ds.get(0).message().contains("a pod labelled {} in a namespace ns labelled"
        + " {env=prod,kubernetes.io/metadata.name=ns,tenant=a}"), ds.get(0).oneLine());
  }

  @Test
  void anAnpAndAnAdminCnpShareThePriorityScale() throws Exception {
    assertEquals(1, samePriority(NS + anp("a", 3, "{namespaces: {}}") + cnp("b", "Admin", 3, "{namespaces: {}}"))
        .size());
  }

  @Test
  void subjectsThatCanNeverSelectOnePodDoNotWarn() throws Exception {
    // Disjoint values of one key; Exists against DoesNotExist; In against NotIn on the pod.
    assertEquals(List.of(), samePriority(NS + anp("a", 3, "{namespaces: {matchLabels: {tenant: a}}}")
        + anp("b", 3, "{namespaces: {matchLabels: {tenant: b}}}")));
    assertEquals(List.of(), samePriority(NS + cnp("a", "Admin", 3, "{namespaces: {matchExpressions: [{key: x,"
        + " operator: Exists}]}}") + cnp("b", "Admin", 3, "{namespaces: {matchExpressions: [{key: x,"
        + " operator: DoesNotExist}]}}")));
    assertEquals(List.of(), samePriority(NS + cnp("a", "Admin", 3, "{pods: {podSelector: {matchLabels: {app: w}}}}")
        + cnp("b", "Admin", 3, "{pods: {podSelector: {matchExpressions: [{key: app, operator: NotIn, values:"
        + " [w]}]}}}")));
    // No namespace can be named Not_A_DNS_Label, so no pod is selected by the first at all.
    assertEquals(List.of(), samePriority(NS + anp("a", 3, "{namespaces: {matchLabels: {"
        + Namespace.NAME_LABEL + ": Not_A_DNS_Label}}}") + anp("b", 3, "{namespaces: {}}")));
  }

  @Test
  void differentTiersOrPrioritiesDoNotWarn() throws Exception {
    assertEquals(List.of(), samePriority(NS + cnp("a", "Admin", 3, "{namespaces: {}}")
        + cnp("b", "Baseline", 3, "{namespaces: {}}")));
    assertEquals(List.of(), samePriority(NS + anp("a", 3, "{namespaces: {}}") + anp("b", 4, "{namespaces: {}}")));
  }

  /**
   * On random selectors over a tiny alphabet, {@link SubjectOverlap#labels} agrees with brute force:
   * a satisfying label map exists iff one exists over the mentioned keys with a mentioned or one fresh
   * value per key; and any map it returns is matched by every selector.
   */
  @Test
  void labelsAgreesWithBruteForce() {
    Random r = new Random(7);
    for (int i = 0; i < 3000; i++) {
      List<LabelSelector> sels = List.of(selector(r), selector(r));
      Optional<ImmutableSortedMap<String, String>> got = SubjectOverlap.labels(sels, "");
      got.ifPresent(m -> sels.forEach(s -> assertTrue(s.matches(m), () -> s + " does not match " + m)));
      assertEquals(bruteForce(sels), got.isPresent(), sels::toString);
    }
  }

  private static final List<String> KEYS = List.of("k1", "k2");
  private static final List<String> VALUES = List.of("a", "b", "c");

  private static LabelSelector selector(Random r) {
    Map<String, String> labels = new HashMap<>();
    List<SelectorRequirement> reqs = new ArrayList<>();
    for (int n = r.nextInt(3); n > 0; n--) {
      String key = KEYS.get(r.nextInt(KEYS.size()));
      SelectorOperator op = SelectorOperator.values()[r.nextInt(5) % 4];
      if (r.nextInt(4) == 0) {
        labels.put(key, VALUES.get(r.nextInt(VALUES.size())));
      } else if (op.takesValues()) {
        ImmutableSortedSet<String> vs = ImmutableSortedSet.of(VALUES.get(r.nextInt(3)), VALUES.get(r.nextInt(3)));
        reqs.add(new SelectorRequirement(key, op, vs));
      } else {
        reqs.add(SelectorRequirement.of(key, op));
      }
    }
    return new LabelSelector(ImmutableSortedMap.copyOf(labels), ImmutableList.copyOf(reqs));
  }

  private static boolean bruteForce(List<LabelSelector> sels) {
    List<String> options = new ArrayList<>();
    options.add(null); // absent
    options.addAll(VALUES);
    options.add("fresh");
    for (String v1 : options) {
      for (String v2 : options) {
        Map<String, String> m = new HashMap<>();
        if (v1 != null) {
          m.put("k1", v1);
        }
        if (v2 != null) {
          m.put("k2", v2);
        }
        if (sels.stream().allMatch(s -> s.matches(m))) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void theWitnessIsSelectedByBothSubjects() {
    AdminSubject a = new AdminSubject(LabelSelector.matchLabels(Map.of("tenant", "a")),
        new LabelSelector(ImmutableSortedMap.of(), ImmutableList.of(SelectorRequirement.of("app",
            SelectorOperator.NotIn, "db"))));
    AdminSubject b = new AdminSubject(new LabelSelector(ImmutableSortedMap.of(), ImmutableList.of(
        SelectorRequirement.of(Namespace.NAME_LABEL, SelectorOperator.NotIn, "ns"))),
        new LabelSelector(ImmutableSortedMap.of(), ImmutableList.of(SelectorRequirement.of("app",
            SelectorOperator.Exists))));
    Cluster empty = Cluster.of(List.of(), List.of(), List.of());
    SubjectOverlap.Witness w = SubjectOverlap.witness(empty, a, b).orElseThrow();
    assertTrue(a.matches(w.namespaceLabels(), w.podLabels()) && b.matches(w.namespaceLabels(), w.podLabels()),
        w::toString);
    assertEquals(w.namespace(), w.namespaceLabels().get(Namespace.NAME_LABEL));
    assertFalse(w.namespace().equals("ns"));
  }
}
