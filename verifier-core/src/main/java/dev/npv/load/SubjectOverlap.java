package dev.npv.load;

import com.google.common.collect.ImmutableSortedMap;
import dev.npv.model.AdminSubject;
import dev.npv.model.Cluster;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides exactly whether two admin subjects can select the same pod of some cluster that could be
 * deployed (the open world: any namespace, any labels), and if so gives a witness: a loaded
 * workload both select if there is one, else a namespace and pod labels built to satisfy both.
 *
 * <p>Label selectors are conjunctions of per-key constraints, so the conjunction of two is satisfiable
 * iff every key is: a key required absent (DoesNotExist) must not be required present (In, Exists,
 * matchLabels), and a present key needs a value in every In set and in no NotIn set. Values are
 * unbounded, so a key with no In set always has one. The namespace's {@code kubernetes.io/metadata.name}
 * label is always present and equals its name, so its value must be a DNS-1123 label.
 */
final class SubjectOverlap {
  private SubjectOverlap() {
  }

  /** A pod both subjects select: {@code loaded} names the workload when it is one of the inputs. */
  record Witness(String namespace, ImmutableSortedMap<String, String> namespaceLabels,
                 ImmutableSortedMap<String, String> podLabels, Optional<String> loaded) {
    @Override
    public String toString() {
      return loaded.map(w -> "the loaded workload " + w).orElse("a pod labelled " + text(podLabels)
          + " in a namespace " + namespace + " labelled " + text(namespaceLabels)
          + " (none is loaded, but one could be deployed)");
    }

    private static String text(ImmutableSortedMap<String, String> labels) {
      return labels.isEmpty() ? "{}" : "{" + String.join(",", labels.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()) + "}";
    }
  }

  static Optional<Witness> witness(Cluster cluster, AdminSubject a, AdminSubject b) {
    for (Workload w : cluster.workloads()) {
      Optional<Namespace> ns = cluster.namespace(w.namespace());
      // hostNetwork pods are never subjects.
      if (!w.hostNetwork() && ns.isPresent() && a.matches(ns.get().labels(), w.labels())
          && b.matches(ns.get().labels(), w.labels())) {
        return Optional.of(new Witness(w.namespace(), ns.get().labels(), w.labels(),
            Optional.of(w.kind() + " " + w.id())));
      }
    }
    Optional<ImmutableSortedMap<String, String>> nsLabels = labels(List.of(a.namespaceSelector(),
        b.namespaceSelector()), Namespace.NAME_LABEL);
    Optional<ImmutableSortedMap<String, String>> podLabels = labels(List.of(a.podSelector(), b.podSelector()), "");
    if (nsLabels.isEmpty() || podLabels.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Witness(nsLabels.get().get(Namespace.NAME_LABEL), nsLabels.get(), podLabels.get(),
        Optional.empty()));
  }

  /**
   * Labels every selector matches, or empty when none exist. {@code nameKey}, if not empty, is a key
   * that must be present with a DNS-1123 label value (the namespace name label).
   */
  static Optional<ImmutableSortedMap<String, String>> labels(List<LabelSelector> selectors, String nameKey) {
    TreeMap<String, List<SelectorRequirement>> byKey = new TreeMap<>();
    if (!nameKey.isEmpty()) {
      byKey.put(nameKey, new ArrayList<>(List.of(SelectorRequirement.of(nameKey,
          SelectorOperator.Exists))));
    }
    for (LabelSelector s : selectors) {
      s.matchLabels().forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>())
          .add(SelectorRequirement.of(k, SelectorOperator.In, v)));
      s.matchExpressions().forEach(r -> byKey.computeIfAbsent(r.key(), x -> new ArrayList<>()).add(r));
    }
    ImmutableSortedMap.Builder<String, String> out = ImmutableSortedMap.naturalOrder();
    for (var e : byKey.entrySet()) {
      Predicate<String> valid = e.getKey().equals(nameKey) ? v -> K8sNames.dnsLabelProblem(v).isEmpty() : v -> true;
      Optional<Optional<String>> value = value(e.getValue(), valid, e.getKey().equals(nameKey) ? "ns" : "v");
      if (value.isEmpty()) {
        return Optional.empty();
      }
      value.get().ifPresent(v -> out.put(e.getKey(), v));
    }
    return Optional.of(out.build());
  }

  /** For one key: empty = unsatisfiable; of(empty) = leave the key out; of(of(v)) = set it to v. */
  private static Optional<Optional<String>> value(List<SelectorRequirement> reqs, Predicate<String> valid,
                                                  String freshStem) {
    boolean present = false;
    boolean absent = false;
    Set<String> in = null;
    Set<String> notIn = new HashSet<>();
    for (SelectorRequirement r : reqs) {
      switch (r.operator()) {
        case In -> {
          present = true;
          if (in == null) {
            in = new TreeSet<>(r.values());
          } else {
            in.retainAll(r.values());
          }
        }
        case NotIn -> notIn.addAll(r.values());
        case Exists -> present = true;
        case DoesNotExist -> absent = true;
        default -> throw new IllegalStateException(r.operator().toString());
      }
    }
    if (absent) {
      return present ? Optional.empty() : Optional.of(Optional.empty());
    }
    if (!present) {
      return Optional.of(Optional.empty()); // absent satisfies NotIn
    }
    if (in != null) {
      return in.stream().filter(v -> !notIn.contains(v) && valid.test(v)).findFirst().map(Optional::of);
    }
    for (int i = 0; ; i++) { // finitely many excluded values: a fresh one exists
      String v = i == 0 ? freshStem : freshStem + "-" + i;
      if (!notIn.contains(v) && valid.test(v)) {
        return Optional.of(Optional.of(v));
      }
    }
  }
}
