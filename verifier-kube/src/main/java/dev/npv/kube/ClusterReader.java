package dev.npv.kube;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.load.SourceText;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads every kind npv models from a live API server, read-only (only {@code get} and {@code list}),
 * page by page, all namespaces or one; plus the CNI policy kinds the server serves (so the loader warns
 * about them as it does for files). All or nothing: any failed request ends the read with located errors
 * ({@link InvalidInputException}), never a partial snapshot. A modelled custom resource the cluster does
 * not serve is skipped with a note. Each call opens and closes its own client; not thread-safe.
 */
public final class ClusterReader {
  /**
   * Third-party groups whose kinds are named like policies but define none: Antrea's controller publishes
   * its computed copies of the crd.antrea.io policies (read there) and their traffic statistics.
   */
  private static final Set<String> NOT_POLICY_DEFINITIONS =
      Set.of("controlplane.antrea.io", "stats.antrea.io");

  private final KubeSource source;

  public ClusterReader(KubeSource source) {
    this.source = source;
  }

  /** Reads the cluster; throws with every error found (e.g. each forbidden kind) when any request failed. */
  public ClusterSnapshot read() throws InvalidInputException {
    KubeConnection connection = KubeConnection.open(source);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(connection.config()).build()) {
      return new Session(client, connection).read();
    }
  }

  /** One read: the client, what was found so far, and the problems. */
  private final class Session {
    private final KubernetesClient client;
    private final KubeConnection connection;
    private final String origin;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Session(KubernetesClient client, KubeConnection connection) {
      this.client = client;
      this.connection = connection;
      this.origin = "cluster:" + connection.context();
    }

    ClusterSnapshot read() throws InvalidInputException {
      try {
        List<APIGroup> groups = discover();
        Map<String, Set<String>> served = servedVersions(groups);
        List<ApiResource> kinds = new ArrayList<>(ApiResource.MODELLED);
        kinds.addAll(cniKinds(groups));
        ImmutableList.Builder<SourceText> objects = ImmutableList.builder();
        if (source.namespace().isPresent()) {
          requireNamespace(source.namespace().get()).ifPresent(objects::add);
        }
        Set<String> readKinds = new HashSet<>();
        Map<String, ApiResource> unserved = new LinkedHashMap<>();
        for (ApiResource kind : kinds) {
          if (kind.kind().equals("Namespace") && source.namespace().isPresent()) {
            continue; // read above: only the one namespace
          }
          if (readKinds.contains(kind.kind())) {
            continue; // read in a newer served version: the same objects
          }
          if (kind.optional() && !served.getOrDefault(kind.group(), Set.of()).contains(kind.version())) {
            unserved.putIfAbsent(kind.kind(), kind);
            continue;
          }
          objects.addAll(list(kind));
          readKinds.add(kind.kind());
        }
        unserved.values().stream().filter(k -> !readKinds.contains(k.kind())).forEach(this::notServed);
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
          throw new InvalidInputException(diagnostics);
        }
        ImmutableList<SourceText> all = objects.build();
        diagnostics.add(Diagnostic.note(ClusterCodes.READ, SourceLocation.ofFile(origin), "read " + all.size()
            + " objects from " + connection.config().getMasterUrl() + source.namespace().map(n -> " (namespace " + n
            + " and the cluster-scoped kinds)").orElse("") + ": " + countsByKind(all)));
        return new ClusterSnapshot(connection.context(), all, ImmutableList.copyOf(diagnostics));
      } catch (Unreachable e) { // the server is gone: every later request would fail the same way
        if (e.diagnostic != null) {
          diagnostics.add(e.diagnostic);
        }
        throw new InvalidInputException(diagnostics);
      }
    }

    /** {@code 2 Namespace, 5 Pod}: how many objects of each kind, in the order read. */
    private String countsByKind(List<SourceText> objects) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (SourceText t : objects) {
        String kind = t.name().substring(origin.length() + 1).split("/", 2)[0];
        counts.merge(kind, 1, Integer::sum);
      }
      return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
          .collect(Collectors.joining(", "));
    }

    /** The API groups and their versions (discovery, {@code GET /apis}; open to every authenticated user). */
    private List<APIGroup> discover() throws Unreachable {
      APIGroupList groups = request("discover the API groups (GET /apis)", location("apis"), "", client::getApiGroups);
      return groups == null || groups.getGroups() == null ? List.of() : groups.getGroups();
    }

    private static Map<String, Set<String>> servedVersions(List<APIGroup> groups) {
      Map<String, Set<String>> out = new TreeMap<>();
      for (APIGroup g : groups) {
        Set<String> versions = new HashSet<>();
        for (GroupVersionForDiscovery v : g.getVersions()) {
          versions.add(v.getVersion());
        }
        out.put(g.getName(), versions);
      }
      return out;
    }

    /**
     * The served resources of third-party groups whose kind npv's loader calls a CNI policy kind
     * ({@code *NetworkPolicy*}, {@code *NetworkSet*}): listed so that they are warned about, not modelled.
     */
    private List<ApiResource> cniKinds(List<APIGroup> groups) throws Unreachable {
      List<ApiResource> out = new ArrayList<>();
      for (APIGroup g : groups) {
        if (!g.getName().contains(".") || g.getName().endsWith(".k8s.io") || g.getPreferredVersion() == null) {
          continue; // Kubernetes' own groups: their kinds are the modelled ones or no policy at all
        }
        if (NOT_POLICY_DEFINITIONS.contains(g.getName())) {
          continue;
        }
        String groupVersion = g.getPreferredVersion().getGroupVersion();
        APIResourceList resources;
        try {
          resources = client.getApiResources(groupVersion);
        } catch (KubernetesClientException e) {
          if (e.getCode() <= 0) {
            throw new Unreachable(unreachable("discover the resources of " + groupVersion, location("apis"), e));
          }
          // e.g. an aggregated API that is down (503): kubectl goes on too, and so does npv, saying what it misses
          diagnostics.add(Diagnostic.warning(ClusterCodes.DISCOVERY, location("apis/" + groupVersion),
              "cannot discover the resources of " + groupVersion + " (HTTP " + e.getCode() + " " + statusMessage(e)
                  + "): a CNI policy kind it serves would not be warned about"));
          continue;
        }
        if (resources == null || resources.getResources() == null) {
          continue;
        }
        for (APIResource r : resources.getResources()) {
          boolean policyKind = r.getKind() != null
              && (r.getKind().contains("NetworkPolicy") || r.getKind().contains("NetworkSet"));
          if (policyKind && !r.getName().contains("/") && r.getVerbs() != null && r.getVerbs().contains("list")) {
            out.add(new ApiResource(g.getName(), g.getPreferredVersion().getVersion(), r.getName(), r.getKind(),
                Boolean.TRUE.equals(r.getNamespaced()), true));
          }
        }
      }
      out.sort(Comparator.comparing(ApiResource::group).thenComparing(ApiResource::plural));
      return out;
    }

    private Optional<SourceText> requireNamespace(String name) throws Unreachable {
      ApiResource ns = ApiResource.MODELLED.get(0);
      GenericKubernetesResource found = request("get namespace " + name, location("Namespace/" + name),
          "get namespaces", () -> operation(ns).withName(name).get());
      if (found == null) {
        diagnostics.add(Diagnostic.error(ClusterCodes.NAMESPACE, location("Namespace/" + name), "namespace '" + name
            + "' does not exist in this cluster (-n/--namespace names one that kubectl get namespaces lists)"));
        return Optional.empty();
      }
      return Optional.of(text(ns, found));
    }

    /** Every object of one kind, page by page; empty (with a note or an error) when the list failed. */
    private List<SourceText> list(ApiResource kind) throws Unreachable {
      String scope = !kind.namespaced() ? "" : source.namespace().map(n -> " in namespace " + n)
          .orElse(" in all namespaces");
      List<SourceText> out = new ArrayList<>();
      String token = null;
      Set<String> tokens = new HashSet<>();
      do {
        ListOptions options = new ListOptionsBuilder().withLimit((long) source.pageSize()).withContinue(token).build();
        GenericKubernetesResourceList page;
        try {
          page = listPage(kind, "list " + kind.resourceName() + scope, options);
        } catch (NotFound e) { // discovery said served, yet the list is not there (e.g. a CRD just removed)
          notServed(kind);
          return List.of();
        }
        if (page == null) {
          return List.of(); // forbidden or failed: reported, the read will fail
        }
        page.getItems().forEach(item -> out.add(text(kind, item)));
        token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        if (token != null && !token.isEmpty() && !tokens.add(token)) {
          diagnostics.add(Diagnostic.error(ClusterCodes.API, location(kind.kind()), "the API server returned the"
              + " same continue token twice while listing " + kind.resourceName() + "; stopped reading"));
          return List.of();
        }
      } while (token != null && !token.isEmpty());
      out.sort(Comparator.comparing(SourceText::name));
      return out;
    }

    /** One page; {@link NotFound} for a custom kind that turns out not to be served. */
    private GenericKubernetesResourceList listPage(ApiResource kind, String what, ListOptions options)
        throws Unreachable, NotFound {
      MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
          op = operation(kind);
      return request(what, location(kind.kind()), "list " + kind.resourceName(), () -> !kind.namespaced()
          ? op.list(options)
          : source.namespace().isPresent() ? op.inNamespace(source.namespace().get()).list(options)
          : op.inAnyNamespace().list(options), kind.optional());
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
        operation(ApiResource kind) {
      return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
          .withGroup(kind.group()).withVersion(kind.version()).withPlural(kind.plural()).withKind(kind.kind())
          .withNamespaced(kind.namespaced()).build());
    }

    private void notServed(ApiResource kind) {
      diagnostics.add(Diagnostic.note(ClusterCodes.NOT_SERVED, location(kind.kind()), "this cluster does not serve "
          + kind.kind() + " (" + kind.apiVersion() + "): skipped, none can exist"));
    }

    private SourceText text(ApiResource kind, GenericKubernetesResource object) {
      // Items of a list may omit their kind and apiVersion; the loader needs both.
      object.setApiVersion(kind.apiVersion());
      object.setKind(kind.kind());
      String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
      String name = object.getMetadata() == null || object.getMetadata().getName() == null ? "?"
          : object.getMetadata().getName();
      String where = origin + "/" + kind.kind() + (kind.namespaced() && namespace != null ? "/" + namespace : "")
          + "/" + name;
      return new SourceText(where, Serialization.asJson(object));
    }

    private SourceLocation location(String what) {
      return SourceLocation.ofFile(origin + "/" + what);
    }

    private <T> T request(String what, SourceLocation at, String verb, Supplier<T> call)
        throws Unreachable {
      try {
        return request(what, at, verb, call, false);
      } catch (NotFound e) {
        return null;
      }
    }

    /**
     * Runs one request. A refusal (403, 401, other HTTP errors) is recorded and gives null; a 404 is
     * {@link NotFound} when the caller can take it; a lost or silent server is {@link Unreachable}.
     */
    private <T> T request(String what, SourceLocation at, String verb, Supplier<T> call,
                          boolean notFoundExpected) throws Unreachable, NotFound {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404 && notFoundExpected) {
          throw new NotFound();
        }
        if (e.getCode() == 404 && verb.startsWith("get ")) {
          return null;
        }
        if (e.getCode() == 403) {
          diagnostics.add(Diagnostic.error(ClusterCodes.FORBIDDEN, at, "forbidden to " + what + " (HTTP 403: "
              + statusMessage(e) + "); npv needs the read-only RBAC in README (" + verb + ")"));
          return null;
        }
        if (e.getCode() == 401) {
          diagnostics.add(Diagnostic.error(ClusterCodes.UNAUTHORIZED, at, "the API server did not accept the"
              + " credentials of context " + connection.context() + " (HTTP 401) when trying to " + what
              + "; log in again (e.g. refresh the token) or pick another --context"));
          throw new Unreachable(null);
        }
        if (e.getCode() > 0) {
          // 410 Gone: the continue token of a paged list expired (the API server keeps it about 5 minutes)
          String hint = e.getCode() == 410 ? " (the list changed too long while it was paged: run again)" : "";
          diagnostics.add(Diagnostic.error(ClusterCodes.API, at, "cannot " + what + ": HTTP " + e.getCode() + " "
              + statusMessage(e) + hint));
          return null;
        }
        throw new Unreachable(unreachable(what, at, e));
      }
    }

    private Diagnostic unreachable(String what, SourceLocation at, Throwable e) {
      String server = connection.config().getMasterUrl();
      if (TransportFailures.isTimeout(e)) {
        return Diagnostic.error(ClusterCodes.TIMEOUT, at, "no answer from the API server " + server + " within "
            + source.requestTimeoutMillis() + " ms when trying to " + what + " (raise with --cluster-timeout)");
      }
      return Diagnostic.error(ClusterCodes.UNREACHABLE, at, "cannot reach the API server " + server + " of context "
          + connection.context() + " to " + what + ": " + TransportFailures.reason(e));
    }

    private static String statusMessage(KubernetesClientException e) {
      if (e.getStatus() != null && e.getStatus().getMessage() != null) {
        return e.getStatus().getMessage();
      }
      return String.valueOf(e.getMessage());
    }
  }

  /** The server cannot be talked to; carries its error (null when already recorded). */
  private static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Diagnostic diagnostic;

    Unreachable(Diagnostic diagnostic) {
      super(null, null, false, false);
      this.diagnostic = diagnostic;
    }
  }

  private static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound() {
      super(null, null, false, false);
    }
  }
}
