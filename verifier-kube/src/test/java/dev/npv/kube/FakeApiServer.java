package dev.npv.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real HTTP API server for tests: fabric8's mock server in CRUD mode (objects are created through the
 * client and listed back), with discovery ({@code /apis}) answered from the groups this cluster serves,
 * lists paginated as the API server does ({@code limit}, {@code continue}; CRUD mode ignores both), and
 * expectations (the mock's other mode) for the failures CRUD mode cannot produce, e.g. a forbidden list.
 */
public final class FakeApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The mock logs every request at INFO; kept referenced so the setting is not collected away. */
  private static final Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
  private final KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(expectations);
  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;
  /** group → version → resources of custom kinds this cluster serves. */
  private final Map<String, Map<String, List<ApiResource>>> served = new TreeMap<>();
  private final AtomicInteger listRequests = new AtomicInteger();
  /** Every request after {@link #recordRequests()}: method and path without the query. */
  private final List<String> recorded = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean recording;

  private FakeApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new Paging(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  private static Logger quiet(String name) {
    Logger log = Logger.getLogger(name);
    log.setLevel(Level.WARNING);
    return log;
  }

  /**
   * A cluster that serves the built-in kinds and the admin policy CRDs: v1alpha1, and ClusterNetworkPolicy
   * as v1alpha2 only (this mock keeps objects per version, where a real server converts between them).
   */
  public static FakeApiServer withAdminPolicies() {
    FakeApiServer s = new FakeApiServer();
    ApiResource.MODELLED.stream().filter(ApiResource::optional)
        .filter(k -> !(k.kind().equals("ClusterNetworkPolicy") && k.version().equals("v1beta1"))).forEach(s::serve);
    return s;
  }

  /** A cluster that serves only the built-in kinds (no policy.networking.k8s.io CRDs installed). */
  public static FakeApiServer builtInOnly() {
    return new FakeApiServer();
  }

  /** Installs a custom resource kind (as a CRD would). */
  public FakeApiServer serve(ApiResource kind) {
    served.computeIfAbsent(kind.group(), g -> new TreeMap<>()).computeIfAbsent(kind.version(), v -> new ArrayList<>())
        .add(kind);
    crud.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(kind.group())
        .withVersion(kind.version()).withPlural(kind.plural()).withKind(kind.kind())
        .withScope(kind.namespaced() ? "Namespaced" : "Cluster").build());
    return this;
  }

  /** Creates every object of a multi-document YAML text, kinds npv models or served custom kinds. */
  public FakeApiServer create(String yaml) {
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank()) {
        continue;
      }
      GenericKubernetesResource object = Serialization.unmarshal(doc, GenericKubernetesResource.class);
      ApiResource kind = kindOf(object);
      var op = client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(kind.group())
          .withVersion(kind.version()).withPlural(kind.plural()).withKind(kind.kind())
          .withNamespaced(kind.namespaced()).build());
      var resource = kind.namespaced()
          ? op.inNamespace(object.getMetadata().getNamespace() == null ? "default"
              : object.getMetadata().getNamespace()).resource(object)
          : op.resource(object);
      resource.create();
      if (object.getAdditionalProperties().containsKey("status")) {
        resource.updateStatus(); // CRUD mode drops the status on create, as the API server does
      }
    }
    return this;
  }

  public FakeApiServer createFile(Path file) {
    try {
      return create(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every GET of {@code path} (without its query) answers 403 Forbidden, as RBAC would. */
  public FakeApiServer forbid(String path, String resource) {
    return fail(path, 403, "Forbidden", resource + " is forbidden: User \"system:serviceaccount:ci:npv\" cannot"
        + " list resource \"" + resource + "\" at the cluster scope");
  }

  /** Every GET of {@code path} (without its query) answers this failure Status. */
  public FakeApiServer fail(String path, int code, String reason, String message) {
    server.expect().get().withPath(path).andReturn(code, Map.of("kind", "Status", "apiVersion", "v1",
        "status", "Failure", "reason", reason, "code", code, "message", message)).always();
    return this;
  }

  /** Records every request from now on (after the fixture objects were created). */
  public FakeApiServer recordRequests() {
    recording = true;
    return this;
  }

  /** The recorded requests, e.g. {@code GET /api/v1/pods}. */
  public List<String> requests() {
    return List.copyOf(recorded);
  }

  /** How many list requests (pages) were answered. */
  public int listRequests() {
    return listRequests.get();
  }

  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  /** A kubeconfig whose context {@code context} points at this server. */
  public Path writeKubeconfig(Path dir, String context) throws IOException {
    return writeKubeconfig(dir, context, url());
  }

  /** A kubeconfig with one context, {@code context}, for the server at {@code url}. */
  public static Path writeKubeconfig(Path dir, String context, String url) throws IOException {
    Path file = dir.resolve("kubeconfig-" + context);
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster: {server: "%s"}
        users:
        - name: fake
          user: {token: not-a-secret}
        contexts:
        - name: %s
          context: {cluster: fake, user: fake}
        current-context: %s
        """.formatted(url, context, context));
    return file;
  }

  private ApiResource kindOf(GenericKubernetesResource object) {
    for (ApiResource r : ApiResource.MODELLED) {
      if (r.kind().equals(object.getKind()) && r.apiVersion().equals(object.getApiVersion())) {
        return r;
      }
    }
    return served.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream)
        .filter(r -> r.kind().equals(object.getKind()) && r.apiVersion().equals(object.getApiVersion()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("not served: " + object.getKind()));
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /** Discovery, pagination, then the mock's expectations and CRUD store. */
  private final class Paging extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      int q = path.indexOf('?');
      String bare = q < 0 ? path : path.substring(0, q);
      Map<String, String> query = query(q < 0 ? "" : path.substring(q + 1));
      if (recording) {
        recorded.add(request.getMethod() + " " + bare);
      }
      if (request.getMethod().equals("GET") && bare.equals("/apis")) {
        return json(groups());
      }
      if (request.getMethod().equals("GET") && bare.startsWith("/apis/") && bare.split("/").length == 4
          && served.containsKey(bare.split("/")[2])) {
        return json(resources(bare.split("/")[2], bare.split("/")[3]));
      }
      if (!request.getMethod().equals("GET") || !query.containsKey("limit")) {
        return crud.dispatch(request);
      }
      listRequests.incrementAndGet();
      MockResponse all = crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), bare,
          request.getHeaders(), request.getBody()));
      if (all.code() != 200) {
        return all;
      }
      try {
        ObjectNode list = (ObjectNode) JSON.readTree(all.getBody().readUtf8());
        ArrayNode items = (ArrayNode) list.get("items");
        int limit = Integer.parseInt(query.get("limit"));
        int from = Integer.parseInt(query.getOrDefault("continue", "0"));
        ArrayNode page = JSON.createArrayNode();
        for (int i = from; i < Math.min(items.size(), from + limit); i++) {
          page.add(items.get(i));
        }
        list.set("items", page);
        ObjectNode meta = list.has("metadata") ? (ObjectNode) list.get("metadata") : list.putObject("metadata");
        if (from + limit < items.size()) {
          meta.put("continue", String.valueOf(from + limit));
        } else {
          meta.remove("continue");
        }
        return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(list));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Map<String, Object> groups() {
      List<Object> groups = new ArrayList<>();
      for (String builtIn : List.of("apps", "batch", "networking.k8s.io")) {
        groups.add(group(builtIn, List.of("v1")));
      }
      served.forEach((group, versions) -> groups.add(group(group, new ArrayList<>(versions.keySet()))));
      return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    private Map<String, Object> group(String name, List<String> versions) {
      List<Object> vs = versions.stream().<Object>map(v -> Map.of("groupVersion", name + "/" + v, "version", v))
          .toList();
      return Map.of("name", name, "versions", vs, "preferredVersion", vs.get(vs.size() - 1));
    }

    private Map<String, Object> resources(String group, String version) {
      List<Object> out = new ArrayList<>();
      for (ApiResource r : served.get(group).getOrDefault(version, List.of())) {
        out.add(Map.of("name", r.plural(), "singularName", "", "namespaced", r.namespaced(), "kind", r.kind(),
            "verbs", List.of("get", "list", "watch", "create", "delete")));
      }
      return Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", group + "/" + version,
          "resources", out);
    }

    private MockResponse json(Object body) {
      try {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
            .setBody(JSON.writeValueAsString(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Map<String, String> query(String q) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String part : q.split("&")) {
        if (!part.isEmpty()) {
          int eq = part.indexOf('=');
          out.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
              eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return out;
    }
  }
}
