package dev.npv.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The documented read-only ClusterRole grants what the reader asks for, and only get and list. */
class ReaderRoleTest {
  private static final Path ROLE = Path.of("../examples/rbac/npv-reader.yaml");

  @Test
  void grantsEveryModelledKindAndOnlyGetAndList() throws IOException {
    Set<String> granted = new TreeSet<>();
    Set<String> verbs = new TreeSet<>();
    for (Map<String, Object> rule : rules()) {
      @SuppressWarnings("unchecked")
      List<String> ruleVerbs = (List<String>) rule.get("verbs");
      verbs.addAll(ruleVerbs);
      @SuppressWarnings("unchecked")
      List<String> groups = (List<String>) rule.getOrDefault("apiGroups", List.of());
      @SuppressWarnings("unchecked")
      List<String> resources = (List<String>) rule.getOrDefault("resources", List.of());
      for (String g : groups) {
        for (String r : resources) {
          for (String v : ruleVerbs) {
            granted.add(v + " " + (g.isEmpty() ? r : r + "." + g));
          }
        }
      }
    }
    assertEquals(Set.of("get", "list"), verbs);
    Set<String> needed = new TreeSet<>();
    ApiResource.MODELLED.forEach(k -> needed.add("list " + k.resourceName()));
    needed.add("get namespaces"); // -n
    assertTrue(granted.containsAll(needed), "missing: " + difference(needed, granted));
    // Nothing beyond the modelled kinds except CNI policy kinds (read to warn about them).
    for (String g : difference(granted, needed)) {
      String resource = g.substring(g.indexOf(' ') + 1);
      assertTrue(g.startsWith("list ") && resource.contains("network"), g);
    }
  }

  @Test
  void everyRequestOfAReadIsGrantedByTheRole(@TempDir Path tmp) throws Exception {
    Set<String> granted = granted();
    for (boolean oneNamespace : new boolean[] {false, true}) {
      try (FakeApiServer server = FakeApiServer.withAdminPolicies()) {
        server.serve(new ApiResource("cilium.io", "v2", "ciliumnetworkpolicies", "CiliumNetworkPolicy", true, true));
        server.create("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n").recordRequests();
        KubeSource source = KubeSource.defaults().withKubeconfig(server.writeKubeconfig(tmp, "c")).withRetries(0);
        new ClusterReader(oneNamespace ? source.withNamespace("a") : source).read();
        assertTrue(server.requests().size() > 10, server.requests().toString());
        for (String request : server.requests()) {
          assertTrue(granted.contains(authorization(request)), request + " needs " + authorization(request));
        }
      }
    }
  }

  /** The RBAC check a request needs, e.g. {@code list pods}, {@code get namespaces}, {@code get /apis}. */
  private static String authorization(String request) {
    String[] mp = request.split(" ", 2);
    String path = mp[1];
    assertEquals("GET", mp[0], request); // read-only
    if (path.equals("/apis") || path.matches("/apis/[^/]+/[^/]+")) {
      return "get " + (path.equals("/apis") ? "/apis" : "/apis/*");
    }
    String[] p = path.substring(1).split("/");
    String group = p[0].equals("api") ? "" : p[1];
    List<String> rest = List.of(p).subList(p[0].equals("api") ? 2 : 3, p.length);
    if (rest.size() >= 2 && rest.get(0).equals("namespaces") && rest.size() > 2) {
      rest = rest.subList(2, rest.size()); // namespaces/NS/plural[/name]
    }
    String verb = rest.size() == 1 ? "list" : "get";
    return verb + " " + (group.isEmpty() ? rest.get(0) : rest.get(0) + "." + group);
  }

  private static Set<String> granted() throws IOException {
    Set<String> granted = new TreeSet<>();
    for (Map<String, Object> rule : rules()) {
      @SuppressWarnings("unchecked")
      List<String> verbs = (List<String>) rule.get("verbs");
      @SuppressWarnings("unchecked")
      List<String> groups = (List<String>) rule.getOrDefault("apiGroups", List.of());
      @SuppressWarnings("unchecked")
      List<String> resources = (List<String>) rule.getOrDefault("resources", List.of());
      @SuppressWarnings("unchecked")
      List<String> urls = (List<String>) rule.getOrDefault("nonResourceURLs", List.of());
      for (String v : verbs) {
        urls.forEach(u -> granted.add(v + " " + u));
        for (String g : groups) {
          resources.forEach(r -> granted.add(v + " " + (g.isEmpty() ? r : r + "." + g)));
        }
      }
    }
    return granted;
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(ROLE))) {
      Map<String, Object> object = (Map<String, Object>) doc;
      if (object.get("kind").equals("ClusterRole")) {
        out.addAll((List<Map<String, Object>>) object.get("rules"));
      }
    }
    return out;
  }
}
