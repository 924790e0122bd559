package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.conformance.ConformanceTest;
import dev.npv.diag.Diagnostic;
import dev.npv.model.Cluster;
import dev.npv.model.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared conformance case loads, with as many objects as its files declare; except the cases
 * {@link ConformanceTest#knownLoadRefusals()} records as refused, which ConformanceTest asserts are
 * still refused.
 */
class ConformanceLoadTest {
  private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*(\\w+)");

  static Stream<Path> cases() {
    return Fixtures.caseDirs("conformance")
        .filter(dir -> !ConformanceTest.knownLoadRefusals().contains(dir.getFileName().toString()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void loads(Path dir) throws Exception {
    LoadResult r = new ClusterLoader().load(List.of(dir.resolve("in").toString()), LoadOptions.defaults());
    Cluster c = r.cluster();
    int namespaces = count(dir, "Namespace");
    int workloads = count(dir, "Pod") + count(dir, "Deployment") + count(dir, "StatefulSet");
    int admin = count(dir, "AdminNetworkPolicy") + count(dir, "BaselineAdminNetworkPolicy")
        + count(dir, "ClusterNetworkPolicy");
    assertEquals(namespaces, c.namespaces().values().stream().filter(Namespace::declared).count());
    assertEquals(workloads, c.workloads().size());
    assertEquals(count(dir, "NetworkPolicy"), c.policies().size());
    assertEquals(admin, c.adminPolicies().size());
    assertEquals(0, r.diagnostics().stream().filter(d -> d.code().equals(Codes.UNMODELLED_KIND)).count());
    assertTrue(r.diagnostics().stream().noneMatch(Diagnostic::isError));
    for (Namespace ns : c.namespaces().values()) {
      assertEquals(ns.name(), ns.labels().get(Namespace.NAME_LABEL));
    }
  }

  /** Top-level documents of {@code kind} in the case's input, counted independently of the loader. */
  private static int count(Path dir, String kind) throws IOException {
    int n = 0;
    try (Stream<Path> s = Files.walk(dir.resolve("in"))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        Matcher m = KIND.matcher(Files.readString(f));
        while (m.find()) {
          n += m.group(1).equals(kind) ? 1 : 0;
        }
      }
    }
    return n;
  }
}
