package dev.npv.load;

import com.google.common.collect.ImmutableSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which policy kinds npv does not model the user has asked to ignore ({@code --ignore-unmodelled}):
 * none by default, {@code all}, or a list of kinds, each a bare kind ({@code CiliumNetworkPolicy}) or a
 * kind qualified by its API group as kubectl writes it ({@code NetworkPolicy.crd.antrea.io}), since
 * Antrea and Calico reuse the name NetworkPolicy. An ignored kind is still warned about.
 */
public record UnmodelledKinds(boolean all, ImmutableSet<String> kinds) {
  public static final UnmodelledKinds NONE = new UnmodelledKinds(false, ImmutableSet.of());
  public static final UnmodelledKinds ALL = new UnmodelledKinds(true, ImmutableSet.of());

  /** Parses {@code all} or {@code KIND[,KIND...]}; empty for a blank entry (a usage error). */
  public static Optional<UnmodelledKinds> parse(String text) {
    if (text.trim().toLowerCase(Locale.ROOT).equals("all")) {
      return Optional.of(ALL);
    }
    ImmutableSet<String> kinds = Arrays.stream(text.split(",")).map(String::trim).collect(ImmutableSet.toImmutableSet());
    if (kinds.isEmpty() || kinds.contains("")) {
      return Optional.empty();
    }
    return Optional.of(new UnmodelledKinds(false, kinds));
  }

  /** Both lists together (the option may be repeated). */
  public UnmodelledKinds and(UnmodelledKinds other) {
    return new UnmodelledKinds(all || other.all, ImmutableSet.<String>builder().addAll(kinds).addAll(other.kinds).build());
  }

  /** Whether objects of {@code kind} in {@code apiVersion} ({@code group/version}) are to be ignored. */
  public boolean ignores(String kind, String apiVersion) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return all || kinds.contains(kind) || kinds.contains(kind + "." + group);
  }
}
