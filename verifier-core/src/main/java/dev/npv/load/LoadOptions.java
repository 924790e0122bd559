package dev.npv.load;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to load: the input limits, where {@code -} reads from (a supplier, so that tests can inject a
 * stream and the default does not touch {@code System.in} unless {@code -} is given), the namespace
 * of namespaced objects that give none ({@code -n}; empty: {@code default}, with a note), and the
 * policy kinds npv does not model that the user asked to ignore.
 */
public record LoadOptions(YamlLimits limits, Supplier<InputStream> stdin, Optional<String> namespace,
                          UnmodelledKinds ignoreUnmodelled) {
  public LoadOptions(YamlLimits limits, Supplier<InputStream> stdin) {
    this(limits, stdin, Optional.empty(), UnmodelledKinds.NONE);
  }

  public static LoadOptions defaults() {
    return new LoadOptions(YamlLimits.DEFAULT, () -> System.in);
  }

  public LoadOptions withStdin(InputStream in) {
    return new LoadOptions(limits, () -> in, namespace, ignoreUnmodelled);
  }

  public LoadOptions withLimits(YamlLimits newLimits) {
    return new LoadOptions(newLimits, stdin, namespace, ignoreUnmodelled);
  }

  /** Objects that give no namespace are read into {@code ns} (like {@code kubectl apply -n ns}). */
  public LoadOptions withNamespace(String ns) {
    return new LoadOptions(limits, stdin, Optional.of(ns), ignoreUnmodelled);
  }

  public LoadOptions withIgnoreUnmodelled(UnmodelledKinds kinds) {
    return new LoadOptions(limits, stdin, namespace, kinds);
  }
}
