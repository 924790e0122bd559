package dev.npv.bench;

import com.google.common.collect.ImmutableList;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Three series of realistic clusters, each varying one dimension of {@link GeneratorConfig}: the
 * namespace count (fixed workloads and policies per namespace), the policies per namespace (fixed
 * namespaces and workloads) and the workloads per namespace (fixed namespaces and policies). Each
 * point measures load, full connectivity and the open-world check of the first {@link #INVARIANTS}
 * invariants; writes {@code growth.json}, {@code growth.csv} and the chart {@code growth.png}.
 */
final class GrowthSeries {
  static final String FILE = "growth";
  static final int INVARIANTS = 10;

  /** One series: its name, the axis label, and its configurations. */
  record Series(String name, String axis, List<GeneratorConfig> points) {
  }

  static final List<Series> SERIES = List.of(
      new Series("namespaces", "namespaces (8 workloads, 16 policies each)", List.of(
          new GeneratorConfig(50, 8, 16, 11), new GeneratorConfig(100, 8, 16, 11), new GeneratorConfig(200, 8, 16, 11),
          new GeneratorConfig(400, 8, 16, 11), new GeneratorConfig(600, 8, 16, 11))),
      new Series("policies", "policies in all (100 namespaces, 8 workloads each)", List.of(
          new GeneratorConfig(100, 8, 13, 12), new GeneratorConfig(100, 8, 26, 12), new GeneratorConfig(100, 8, 52, 12),
          new GeneratorConfig(100, 8, 104, 12), new GeneratorConfig(100, 8, 208, 12))),
      new Series("workloads", "workloads in all (100 namespaces, 16 policies each)", List.of(
          new GeneratorConfig(100, 4, 16, 13), new GeneratorConfig(100, 8, 16, 13), new GeneratorConfig(100, 16, 16, 13),
          new GeneratorConfig(100, 32, 16, 13), new GeneratorConfig(100, 64, 16, 13))));

  private final BenchmarkMain.Settings settings;
  private final List<Map<String, Object>> points = new ArrayList<>();

  GrowthSeries(BenchmarkMain.Settings settings) {
    this.settings = settings;
  }

  void run() throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("machine", Results.machine());
    r.put("startedAt", Instant.now().toString());
    r.put("points", points);
    for (Series s : SERIES) {
      for (GeneratorConfig c : s.points()) {
        if (c.namespaces() > settings.growthMaxNamespaces()) {
          continue;
        }
        points.add(point(s, c));
        Results.JSON.writeValue(settings.out().resolve(FILE + ".json").toFile(), r);
        writeCsv();
      }
    }
    GrowthChart.write(points, settings.out().resolve(FILE + ".png"));
  }

  private Map<String, Object> point(Series s, GeneratorConfig c) throws Exception {
    Results.log("== growth " + s.name() + " " + c);
    Path dir = Files.createTempDirectory("npv-growth");
    try {
      GeneratedCluster g = new ClusterGenerator().generate(c);
      g.writeTo(dir);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("series", s.name());
      p.put("x", switch (s.name()) {
        case "namespaces" -> c.namespaces();
        case "policies" -> g.stats().policies();
        default -> g.stats().workloads();
      });
      p.put("namespaces", g.stats().namespaces());
      p.put("workloads", g.stats().workloads());
      p.put("policies", g.stats().policies());
      Mem.reset();
      long t = System.nanoTime();
      Cluster cluster = new ClusterLoader().load(List.of(g.manifestsDir(dir).toString()), LoadOptions.defaults())
          .cluster();
      p.put("loadMillis", Results.ms(t));
      Map<String, Object> conn = BenchmarkMain.connectivity(cluster, 1, settings.maxConnectivitySeconds());
      p.put("connectivityMillis", conn.get("millis"));
      InvariantSet all = new SpecReader().read(List.of(g.invariantsFile(dir))).get(0);
      InvariantSet set = new InvariantSet(all.name(), all.world(),
          ImmutableList.copyOf(all.invariants().subList(0, Math.min(INVARIANTS, all.invariants().size()))),
          all.location());
      Mem.reset();
      t = System.nanoTime();
      VerificationReport report = new Verifier(cluster, new VerifyOptions(Optional.of(World.OPEN),
          new SessionOptions(EvaluatorOptions.DEFAULT, 120_000, true)).withJobs(1)).verify(List.of(set));
      double wall = Results.ms(t);
      long sum = report.results().stream().mapToLong(CheckResult::durationMillis).sum();
      int n = report.results().size();
      p.put("checkInvariants", n);
      p.put("checkWallMillis", wall);
      p.put("checkSetupMillis", Math.max(0, wall - sum));
      p.put("checkPerInvariantMillis", (double) sum / n);
      p.put("solvePerInvariantMillis", report.results().stream().mapToLong(x -> x.cost().solveMillis()).sum()
          / (double) n);
      p.put("rlimitPerInvariant", report.results().stream().mapToLong(CheckResult::rlimit).sum() / (double) n);
      p.put("checkPeakRssMiB", Mem.peakRssMiB());
      Results.log(String.format(Locale.ROOT, "growth %s x=%s: load %.0f ms, connectivity %s ms, check %.0f ms"
          + " per invariant", s.name(), p.get("x"), (Double) p.get("loadMillis"), conn.get("millis"),
          (Double) p.get("checkPerInvariantMillis")));
      return p;
    } finally {
      try (Stream<Path> f = Files.walk(dir)) {
        f.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
      }
    }
  }

  private void writeCsv() throws IOException {
    List<String> keys = new ArrayList<>(points.get(0).keySet());
    StringBuilder csv = new StringBuilder(String.join(",", keys)).append('\n');
    for (Map<String, Object> p : points) {
      csv.append(String.join(",", keys.stream().map(k -> Results.str(p.get(k))).toList())).append('\n');
    }
    Files.writeString(settings.out().resolve(FILE + ".csv"), csv);
  }

  /** The growth section of SUMMARY.md: the table, the chart, and log-log slopes (1 = linear). */
  @SuppressWarnings("unchecked")
  static void summary(Map<String, Object> r, StringBuilder md) {
    List<Map<String, Object>> pts = (List<Map<String, Object>>) r.get("points");
    Map<String, Object> machine = (Map<String, Object>) r.get("machine");
    md.append("\n## growth — time against cluster size\n\n![growth](growth.png)\n\nRun ").append(r.get("startedAt"))
        .append(" on ").append(machine.get("availableProcessors")).append(" cores, load average at start ")
        .append(machine.get("loadAverage")).append(". Open world, first ").append(INVARIANTS)
        .append(" invariants of each point's generated spec, one worker.\n\n")
        .append("| series | x | workloads | policies | load ms | connectivity ms | check setup ms "
            + "| check ms / invariant | solve ms / invariant | rlimit / invariant | check peak RSS MiB |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> p : pts) {
      md.append("| ").append(p.get("series")).append(" | ").append(p.get("x")).append(" | ")
          .append(p.get("workloads")).append(" | ").append(p.get("policies")).append(" | ")
          .append(Results.str(p.get("loadMillis"))).append(" | ").append(Results.str(p.get("connectivityMillis")))
          .append(" | ").append(Results.str(p.get("checkSetupMillis"))).append(" | ")
          .append(Results.str(p.get("checkPerInvariantMillis"))).append(" | ")
          .append(Results.str(p.get("solvePerInvariantMillis"))).append(" | ")
          .append(Results.str(p.get("rlimitPerInvariant"))).append(" | ").append(p.get("checkPeakRssMiB"))
          .append(" |\n");
    }
    md.append("\nGrowth exponents between the first and the last point of each series (slope on log-log axes:"
        + " 1 = linear, 2 = quadratic):\n\n| series | load | connectivity | check setup | check / invariant |\n"
        + "|---|---|---|---|---|\n");
    for (Series s : SERIES) {
      List<Map<String, Object>> in = pts.stream().filter(p -> s.name().equals(p.get("series"))).toList();
      if (in.size() < 2) {
        continue;
      }
      md.append("| ").append(s.name());
      for (String k : List.of("loadMillis", "connectivityMillis", "checkSetupMillis", "checkPerInvariantMillis")) {
        md.append(" | ").append(slope(in.get(0), in.get(in.size() - 1), k));
      }
      md.append(" |\n");
    }
  }

  private static String slope(Map<String, Object> a, Map<String, Object> b, String key) {
    double ya = ((Number) a.get(key)).doubleValue();
    double yb = ((Number) b.get(key)).doubleValue();
    double xa = ((Number) a.get("x")).doubleValue();
    double xb = ((Number) b.get("x")).doubleValue();
    if (ya <= 0 || yb <= 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", Math.log(yb / ya) / Math.log(xb / xa));
  }
}
