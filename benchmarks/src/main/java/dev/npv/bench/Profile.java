package dev.npv.bench;

import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A named cluster: how it is generated, {@code runs} repetitions of the cheap phases (median reported)
 * and the largest invariant batch worth checking.
 */
record Profile(String name, String note, GeneratorConfig config, Function<GeneratorConfig, GeneratedCluster> source,
               int runs, int maxInvariants) {

  static final Map<String, Profile> ALL = new LinkedHashMap<>();
  /** Names that stand for several profiles. */
  static final Map<String, List<String>> GROUPS = Map.of(
      "adversarial", List.of("adv-overlap", "adv-labels", "adv-ipblocks", "adv-nearmiss"));

  static {
    realistic("small", new GeneratorConfig(20, 8, 16, 1), 5, 100, "CI-sized");
    realistic("issue2", new GeneratorConfig(600, 8, 17, 2), 1, 100,
        "issue 2: about 5,000 pods in 600 namespaces with about 10,000 policies");
    realistic("production", new GeneratorConfig(600, 9, 23, 3), 1, 100,
        "production: about 5,400 pods, 600 namespaces, 13,700 policies");
    realistic("antrea", new GeneratorConfig(25_000, 4, 3, 4), 1, 10,
        "Antrea scale test: 100,000 workloads (106,000 pods), 25,000 namespaces, 75,000 policies");
    adversarial("adv-overlap", AdversarialGenerator.Kind.OVERLAP, new GeneratorConfig(60, 8, 16, 5),
        "heavily overlapping selectors: every pod matches many policies and peers");
    adversarial("adv-labels", AdversarialGenerator.Kind.LABELS, new GeneratorConfig(200, 8, 8, 6),
        "many distinct label values: unique apps and tenants, 10-20-value In/NotIn lists");
    adversarial("adv-ipblocks", AdversarialGenerator.Kind.IPBLOCKS, new GeneratorConfig(40, 4, 8, 7),
        "wide ipBlock/except trees: three blocks with 8-16 excepts in every rule");
    adversarial("adv-nearmiss", AdversarialGenerator.Kind.NEARMISS, new GeneratorConfig(200, 4, 6, 8),
        "near-miss proofs: invariants that hold only because of one except, NotIn value or port gap");
  }

  private static void realistic(String name, GeneratorConfig c, int runs, int maxInvariants, String note) {
    ALL.put(name, new Profile(name, note, c, new ClusterGenerator()::generate, runs, maxInvariants));
  }

  private static void adversarial(String name, AdversarialGenerator.Kind kind, GeneratorConfig c, String note) {
    ALL.put(name, new Profile(name, note, c, x -> new AdversarialGenerator().generate(kind, x), 1, 100));
  }

  GeneratedCluster generate() {
    return source.apply(config);
  }
}
