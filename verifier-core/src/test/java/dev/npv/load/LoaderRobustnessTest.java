package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.npv.diag.InvalidInputException;
import dev.npv.spec.SpecReader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the readers answer with a result or an InvalidInputException, never a crash. */
class LoaderRobustnessTest {
  private static final List<String> FRAGMENTS = List.of("apiVersion: networking.k8s.io/v1\n", "kind: NetworkPolicy\n",
      "kind: Pod\n", "kind: List\n", "apiVersion: v1\n", "metadata:\n", "  name: a\n", "  namespace: x\n", "spec:\n",
      "  podSelector: {}\n", "  ingress:\n", "  - from:\n", "    - ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/9]}\n",
      "    ports: [{port: 80, endPort: 70}]\n", "---\n", "items:\n- ", "  ownerReferences: [{kind: Pod, name: a, "
          + "apiVersion: v1, controller: true}]\n", "status: {podIP: ::1}\n", "[", "{", "&a x\n", "*a\n", "\t", "- ",
      "  egress: [{}]\n", "  labels: {a: b}\n", "kind: InvariantSet\n", "apiVersion: npv.dev/v1alpha1\n",
      "  invariants: [{name: a, expect: deny, to: {workload: x}}]\n");

  @Provide
  Arbitrary<String> manifests() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(25).map(l -> String.join("", l));
  }

  @Property(tries = 300)
  void loaderNeverCrashes(@ForAll("manifests") String text) {
    try {
      new ClusterLoader().loadTexts(List.of(new SourceText("f.yaml", text)), LoadOptions.defaults());
    } catch (InvalidInputException e) {
      assertFalse(e.diagnostics().isEmpty());
      assertFalse(e.diagnostics().stream().anyMatch(d -> d.code().equals(ClusterLoader.INTERNAL)),
          e.diagnostics().toString());
    }
  }

  @Property(tries = 200)
  void specReaderNeverCrashes(@ForAll("manifests") String text) {
    try {
      new SpecReader().read("s.yaml", text);
    } catch (InvalidInputException e) {
      assertFalse(e.diagnostics().isEmpty());
    }
  }
}
