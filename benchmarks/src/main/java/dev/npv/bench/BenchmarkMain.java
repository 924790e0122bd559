package dev.npv.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.common.collect.ImmutableList;
import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityReport;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.LoadResult;
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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
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
 * Generates each profile's cluster and measures, separately: loading, full workload connectivity,
 * and {@code check} of 1, 10 and 100 invariants in the open and the closed world. Writes
 * {@code <out>/<profile>.json}, {@code <out>/<profile>-invariants.csv}, {@code <out>/phases.csv} and
 * {@code <out>/SUMMARY.md}. Usage: {@code BenchmarkMain [--out DIR] [--max-connectivity-seconds S]
 * PROFILE...}.
 */
public final class BenchmarkMain {
  /** A named cluster size; {@code runs} repetitions of the cheap phases (median reported). */
  record Profile(String name, GeneratorConfig config, int runs, String note) {
  }

  static final Map<String, Profile> PROFILES = new LinkedHashMap<>();

  static {
    add(new Profile("small", new GeneratorConfig(20, 8, 16, 1), 5, "CI-sized"));
    add(new Profile("issue2", new GeneratorConfig(600, 8, 17, 2), 1,
        "issue 2: about 5,000 pods in 600 namespaces with about 10,000 policies"));
    add(new Profile("production", new GeneratorConfig(600, 9, 23, 3), 1,
        "production: about 5,400 pods, 600 namespaces, 13,700 policies"));
  }

  private static void add(Profile p) {
    PROFILES.put(p.name(), p);
  }

  static final int[] INVARIANT_COUNTS = {1, 10, 100};

  public static void main(String[] args) throws Exception {
    Path out = Path.of("benchmarks/results");
    double maxConnectivitySeconds = 900;
    int maxInvariants = 100;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--max-connectivity-seconds" -> maxConnectivitySeconds = Double.parseDouble(args[++i]);
        case "--max-invariants" -> maxInvariants = Integer.parseInt(args[++i]);
        default -> names.add(args[i]);
      }
    }
    if (names.isEmpty()) {
      names.add("small");
    }
    Files.createDirectories(out);
    for (String name : names) {
      Profile p = PROFILES.get(name);
      if (p == null) {
        System.err.println("unknown profile " + name + "; known: " + PROFILES.keySet());
        System.exit(2);
      }
      BenchmarkMain bench = new BenchmarkMain(out, p, maxInvariants);
      bench.run(p, maxConnectivitySeconds);
    }
    writeSummary(out);
  }

  // ------------------------------------------------------------------ measuring

  private final List<Map<String, Object>> invariantRows = new ArrayList<>();
  private final Path out;
  private final Profile profile;
  private final int maxInvariants;
  private final Map<String, Object> r = new LinkedHashMap<>();

  BenchmarkMain(Path out, Profile profile, int maxInvariants) {
    this.out = out;
    this.profile = profile;
    this.maxInvariants = maxInvariants;
  }

  /** Writes what is known so far (after every phase, so a killed run still leaves results). */
  private void save() throws IOException {
    write(out, profile, r);
    writeSummary(out);
  }

  Map<String, Object> run(Profile p, double maxConnectivitySeconds) throws Exception {
    List<Map<String, Object>> checks = new ArrayList<>();
    log("== profile " + p.name() + " " + p.config());
    r.put("profile", p.name());
    r.put("note", p.note());
    r.put("config", p.config());
    r.put("machine", machine());
    r.put("startedAt", Instant.now().toString());
    Path dir = Files.createTempDirectory("npv-bench-" + p.name());
    try {
      Mem.reset();
      long t0 = System.nanoTime();
      GeneratedCluster g = new ClusterGenerator().generate(p.config());
      g.writeTo(dir);
      r.put("maxInvariants", maxInvariants);
      r.put("generate", phase(ms(t0), Mem.peak(), Map.of("files", g.files().size())));
      r.put("counts", g.stats());
      r.put("load", Map.of());
      r.put("connectivity", Map.of());
      r.put("check", checks);
      save();
      log("generated " + g.stats() + " in " + ms(t0) + " ms");

      List<Double> loadTimes = new ArrayList<>();
      Cluster cluster = null;
      Mem.reset();
      for (int i = 0; i < p.runs(); i++) {
        cluster = null;
        long t = System.nanoTime();
        LoadResult lr = new ClusterLoader().load(List.of(g.manifestsDir(dir).toString()), LoadOptions.defaults());
        loadTimes.add(ms(t));
        cluster = lr.cluster();
        if (i == 0) {
          r.put("loadDiagnostics", lr.diagnostics().size());
        }
      }
      r.put("load", phase(median(loadTimes), Mem.peak(), Map.of("runsMillis", loadTimes)));
      save();
      log("load median " + median(loadTimes) + " ms " + loadTimes);

      r.put("connectivity", connectivity(cluster, p, maxConnectivitySeconds));
      save();

      ImmutableList<InvariantSet> sets = new SpecReader().read(List.of(g.invariantsFile(dir)));
      InvariantSet all = sets.get(0);
      for (World world : World.values()) {
        for (int n : INVARIANT_COUNTS) {
          if (n > all.invariants().size() || n > maxInvariants) {
            continue;
          }
          InvariantSet subset = new InvariantSet(all.name(), all.world(),
              ImmutableList.copyOf(all.invariants().subList(0, n)), all.location());
          checks.add(check(p, cluster, subset, world, n));
          save();
        }
      }
      r.put("finishedAt", Instant.now().toString());
      save();
      return r;
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private Map<String, Object> connectivity(Cluster cluster, Profile p, double maxSeconds) {
    ConnectivityAnalyzer analyzer = new ConnectivityAnalyzer(cluster, EvaluatorOptions.DEFAULT);
    // One focused run first (one row and one column of the matrix) to predict the full run.
    Mem.reset();
    analyzer.analyze(Optional.of(cluster.workloads().get(0).id())); // warm-up (JIT)
    String focus = cluster.workloads().get(cluster.workloads().size() / 2).id();
    long t = System.nanoTime();
    ConnectivityReport one = analyzer.analyze(Optional.of(focus));
    double focusMs = ms(t);
    int w = cluster.workloads().size();
    double predictedMs = focusMs * w / 2.0;
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("workloads", w);
    extra.put("focusedWorkload", focus);
    extra.put("focusedMillis", focusMs);
    extra.put("focusedLinks", one.links().size());
    extra.put("predictedFullMillis", predictedMs);
    log("connectivity focused on " + focus + ": " + focusMs + " ms, predicted full " + predictedMs + " ms");
    // The focused run mostly pays the analyzer's per-cluster precomputation, so scaling it by the
    // workload count wildly overestimates; skip only when one focused run alone exceeds the budget.
    if (focusMs > maxSeconds * 1000) {
      extra.put("skipped", "a focused run alone took longer than --max-connectivity-seconds " + maxSeconds);
      return phase(-1, Mem.peak(), extra);
    }
    List<Double> times = new ArrayList<>();
    int runs = focusMs < 200 ? p.runs() : 1;
    ConnectivityReport full = null;
    for (int i = 0; i < runs; i++) {
      full = null;
      long t1 = System.nanoTime();
      full = analyzer.analyze();
      times.add(ms(t1));
    }
    extra.put("runsMillis", times);
    extra.put("links", full.links().size());
    log("connectivity full median " + median(times) + " ms, " + full.links().size() + " links");
    return phase(median(times), Mem.peak(), extra);
  }

  private Map<String, Object> check(Profile p, Cluster cluster, InvariantSet set, World world, int n)
      throws Exception {
    VerifyOptions opts = new VerifyOptions(Optional.of(world),
        new SessionOptions(EvaluatorOptions.DEFAULT, 120_000, true));
    int runs = p.runs() > 1 ? 3 : 1;
    List<Double> times = new ArrayList<>();
    VerificationReport report = null;
    Mem.reset();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      report = new Verifier(cluster, opts).verify(List.of(set));
      times.add(ms(t));
    }
    Map<String, Long> verdicts = new LinkedHashMap<>();
    long sumInvariantMs = 0;
    long sumRlimit = 0;
    long maxInvariantMs = 0;
    for (CheckResult cr : report.results()) {
      verdicts.merge(cr.verdict().name(), 1L, Long::sum);
      sumInvariantMs += cr.durationMillis();
      maxInvariantMs = Math.max(maxInvariantMs, cr.durationMillis());
      sumRlimit += cr.rlimit();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("profile", p.name());
      row.put("world", world.name());
      row.put("batch", n);
      row.put("invariant", cr.name());
      row.put("expect", cr.expect().specName());
      row.put("verdict", cr.verdict().name());
      row.put("durationMillis", cr.durationMillis());
      row.put("rlimit", cr.rlimit());
      invariantRows.add(row);
    }
    double wall = median(times);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("world", world.name());
    extra.put("invariants", n);
    extra.put("runsMillis", times);
    extra.put("sumInvariantMillis", sumInvariantMs);
    extra.put("maxInvariantMillis", maxInvariantMs);
    extra.put("setupMillis", Math.max(0, wall - sumInvariantMs));
    extra.put("sumRlimit", sumRlimit);
    extra.put("verdicts", verdicts);
    log(String.format(Locale.ROOT, "check %s x%d: %.0f ms (invariants %d ms) %s", world, n, wall, sumInvariantMs,
        verdicts));
    return phase(wall, Mem.peak(), extra);
  }

  private static Map<String, Object> phase(double millis, Map<String, Long> mem, Map<String, ?> extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("millis", Math.round(millis * 10) / 10.0);
    m.putAll(mem);
    m.putAll(extra);
    return m;
  }

  /** Peak memory of a phase: JVM heap pools (reset per phase) and process resident set (VmHWM). */
  static final class Mem {
    static boolean rssResettable = true;

    static void reset() {
      System.gc();
      for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
        b.resetPeakUsage();
      }
      // Writing 5 to clear_refs resets VmHWM (Linux >= 4.0); if refused, VmHWM is process-wide.
      try {
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      } catch (IOException | RuntimeException e) {
        rssResettable = false;
      }
    }

    static Map<String, Long> peak() {
      long heap = 0;
      for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
        if (b.getType() == MemoryType.HEAP) {
          heap += b.getPeakUsage().getUsed();
        }
      }
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("peakHeapMiB", heap >> 20);
      m.put("peakRssMiB", status("VmHWM") >> 10);
      return m;
    }

    /** A /proc/self/status field in KiB, or -1. */
    static long status(String field) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith(field + ":")) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux
      }
      return -1;
    }
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    try {
      Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
          .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
      m.put("memTotalMiB", Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10).findFirst().orElse(-1L));
    } catch (IOException e) {
      // not Linux
    }
    return m;
  }

  static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static void log(String s) {
    System.err.println("[bench " + Instant.now() + "] " + s);
  }

  // ------------------------------------------------------------------ output

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private void write(Path out, Profile p, Map<String, Object> r) throws IOException {
    JSON.writeValue(out.resolve(p.name() + ".json").toFile(), r);
    StringBuilder csv = new StringBuilder("profile,world,batch,invariant,expect,verdict,durationMillis,rlimit\n");
    for (Map<String, Object> row : invariantRows) {
      csv.append(String.join(",", row.values().stream().map(String::valueOf).toList())).append('\n');
    }
    Files.writeString(out.resolve(p.name() + "-invariants.csv"), csv);
  }

  /** phases.csv and SUMMARY.md over every {@code <profile>.json} in {@code out}. */
  @SuppressWarnings("unchecked")
  static void writeSummary(Path out) throws IOException {
    StringBuilder csv = new StringBuilder("profile,phase,world,invariants,millis,peakHeapMiB,peakRssMiB,detail\n");
    StringBuilder md = new StringBuilder("# npv benchmark results\n\nGenerated by `benchmarks/run`; see "
        + "`benchmarks/README.md` for the cluster model and what each phase measures. Times are wall-clock "
        + "milliseconds (median when `runs` > 1); memory is the phase's peak JVM heap and the process's "
        + "peak resident set (VmHWM, reset per phase).\n");
    List<Path> files;
    try (Stream<Path> s = Files.list(out)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted(
          Comparator.comparing(f -> PROFILES.keySet().stream().toList().indexOf(
              f.getFileName().toString().replace(".json", "")))).toList();
    }
    for (Path f : files) {
      Map<String, Object> r = JSON.readValue(f.toFile(), Map.class);
      String prof = (String) r.get("profile");
      Map<String, Object> counts = (Map<String, Object>) r.get("counts");
      Map<String, Object> machine = (Map<String, Object>) r.get("machine");
      md.append("\n## ").append(prof).append(" — ").append(r.get("note")).append("\n\n")
          .append("Config ").append(r.get("config")).append("; ").append(counts.get("namespaces")).append(" namespaces, ")
          .append(counts.get("workloads")).append(" workloads, ").append(counts.get("pods")).append(" pods (sum of replicas), ")
          .append(counts.get("policies")).append(" policies, ").append(counts.get("invariants"))
          .append(" invariants generated. Machine: ").append(machine.get("availableProcessors")).append(" cores (")
          .append(machine.get("cpu")).append("), ").append(machine.get("memTotalMiB")).append(" MiB RAM, max heap ")
          .append(machine.get("maxHeapMiB")).append(" MiB, ").append(machine.get("java")).append(". Run ")
          .append(r.get("startedAt")).append(".\n\n")
          .append("| phase | world | invariants | wall ms | per-invariant ms (sum / max) | setup ms | Z3 rlimit (sum) "
              + "| verdicts | peak heap MiB | peak RSS MiB |\n|---|---|---|---|---|---|---|---|---|---|\n");
      for (String ph : List.of("generate", "load", "connectivity")) {
        Map<String, Object> m = (Map<String, Object>) r.get(ph);
        if (m == null || m.isEmpty()) {
          continue;
        }
        String detail = ph.equals("connectivity") ? (m.containsKey("skipped")
            ? "skipped; predicted " + Math.round(((Number) m.get("predictedFullMillis")).doubleValue()) + " ms"
            : m.get("links") + " links over " + m.get("workloads") + " workloads") : "";
        csv.append(String.join(",", prof, ph, "", "", str(m.get("millis")), str(m.get("peakHeapMiB")),
            str(m.get("peakRssMiB")), '"' + detail + '"')).append('\n');
        md.append("| ").append(ph).append(" | | | ").append(str(m.get("millis"))).append(" | ").append(detail)
            .append(" | | | | ").append(m.get("peakHeapMiB")).append(" | ").append(m.get("peakRssMiB")).append(" |\n");
      }
      for (Map<String, Object> m : (List<Map<String, Object>>) r.get("check")) {
        csv.append(String.join(",", prof, "check", str(m.get("world")), str(m.get("invariants")), str(m.get("millis")),
            str(m.get("peakHeapMiB")), str(m.get("peakRssMiB")), '"' + str(m.get("verdicts")).replace(",", ";") + '"'))
            .append('\n');
        md.append("| check | ").append(m.get("world")).append(" | ").append(m.get("invariants")).append(" | ")
            .append(str(m.get("millis"))).append(" | ").append(m.get("sumInvariantMillis")).append(" / ")
            .append(m.get("maxInvariantMillis")).append(" | ").append(str(m.get("setupMillis"))).append(" | ")
            .append(m.get("sumRlimit")).append(" | ").append(m.get("verdicts")).append(" | ")
            .append(m.get("peakHeapMiB")).append(" | ").append(m.get("peakRssMiB")).append(" |\n");
      }
    }
    Files.writeString(out.resolve("phases.csv"), csv);
    Files.writeString(out.resolve("SUMMARY.md"), md);
  }

  private static String str(Object o) {
    if (o instanceof Double d) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return String.valueOf(o);
  }
}
