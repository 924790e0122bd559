package dev.npv.bench;

import com.google.common.collect.ImmutableList;
import dev.npv.connectivity.ConnectivityAnalyzer;
import dev.npv.connectivity.ConnectivityReport;
import dev.npv.diag.InvalidInputException;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.generate.GeneratedCluster;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.LoadResult;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.Invariant;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Generates each profile's cluster and measures, separately: loading, full workload connectivity,
 * and {@code check} of 1, 10 and 100 invariants in the open and the closed world, sequentially and
 * with one worker per core, with the closed-world verdicts recomputed by enumeration
 * ({@link Enumerator}). Writes {@code <out>/<profile>.json}, {@code <out>/<profile>-invariants.csv},
 * {@code <out>/phases.csv} and {@code <out>/SUMMARY.md}; {@code growth} runs {@link GrowthSeries}.
 * Usage: {@code BenchmarkMain [--out DIR] [--max-connectivity-seconds S] [--max-invariants N]
 * [--worlds open,closed] [--growth-max-namespaces N] PROFILE|GROUP|growth|summary...}.
 */
public final class BenchmarkMain {
  static final int[] INVARIANT_COUNTS = {1, 10, 100};
  /**
   * Above this many workloads the full connectivity matrix is not attempted: its work grows with the
   * square of the workload count (see the growth series), and at 10^5 workloads the peer matrices
   * alone would need W^2 bits per isolation group.
   */
  static final int CONNECTIVITY_MAX_WORKLOADS = 20_000;
  static final String CSV_HEADER = "profile,world,batch,jobs,invariant,expect,verdict,durationMillis,"
      + "sessionEncodeMillis,encodeMillis,solveMillis,rlimit,assertions,peakRssMiB,loadMillis,"
      + "enumVerdict,enumMillis,enumPairs,enumOverSolver\n";

  /** Options shared by every profile of one invocation. */
  record Settings(Path out, double maxConnectivitySeconds, int maxInvariants, Set<World> worlds,
                  int growthMaxNamespaces) {
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of("benchmarks/results");
    double maxConnectivitySeconds = 900;
    int maxInvariants = 100;
    int growthMax = Integer.MAX_VALUE;
    Set<World> worlds = EnumSet.allOf(World.class);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--max-connectivity-seconds" -> maxConnectivitySeconds = Double.parseDouble(args[++i]);
        case "--max-invariants" -> maxInvariants = Integer.parseInt(args[++i]);
        case "--growth-max-namespaces" -> growthMax = Integer.parseInt(args[++i]);
        case "--worlds" -> {
          worlds = EnumSet.noneOf(World.class);
          for (String w : args[++i].split(",")) {
            worlds.add(World.valueOf(w.trim().toUpperCase(Locale.ROOT)));
          }
        }
        default -> names.addAll(Profile.GROUPS.getOrDefault(args[i], List.of(args[i])));
      }
    }
    if (names.isEmpty()) {
      names.add("small");
    }
    Settings settings = new Settings(out, maxConnectivitySeconds, maxInvariants, worlds, growthMax);
    Files.createDirectories(out);
    int disagreements = 0;
    for (String name : names) {
      if (name.equals("growth")) {
        new GrowthSeries(settings).run();
        continue;
      }
      if (name.equals("summary")) {
        continue; // only rewrite phases.csv and SUMMARY.md from the results already in --out
      }
      Profile p = Profile.ALL.get(name);
      if (p == null) {
        System.err.println("unknown profile " + name + "; known: " + Profile.ALL.keySet() + ", "
            + Profile.GROUPS.keySet() + ", growth");
        System.exit(2);
      }
      disagreements += new BenchmarkMain(settings, p).run();
    }
    SummaryWriter.write(out);
    if (disagreements > 0) {
      System.err.println("!!! " + disagreements + " DISAGREEMENT(S) between the solver and enumeration or between"
          + " sequential and parallel verdicts: a bug, see the results");
      System.exit(3);
    }
  }

  // ------------------------------------------------------------------ measuring

  private final List<Map<String, Object>> invariantRows = new ArrayList<>();
  private final Settings settings;
  private final Profile profile;
  private final Map<String, Object> r = new LinkedHashMap<>();
  private final List<String> disagreements = new ArrayList<>();
  private double loadMillis;

  BenchmarkMain(Settings settings, Profile profile) {
    this.settings = settings;
    this.profile = profile;
  }

  /** Writes what is known so far (after every phase, so a killed run still leaves results). */
  private void save() throws IOException {
    Results.JSON.writeValue(settings.out().resolve(profile.name() + ".json").toFile(), r);
    StringBuilder csv = new StringBuilder(CSV_HEADER);
    for (Map<String, Object> row : invariantRows) {
      csv.append(String.join(",", row.values().stream().map(Results::str).toList())).append('\n');
    }
    Files.writeString(settings.out().resolve(profile.name() + "-invariants.csv"), csv);
    SummaryWriter.write(settings.out());
  }

  /** Runs every phase; returns the number of disagreements found. */
  int run() throws Exception {
    Profile p = profile;
    List<Map<String, Object>> checks = new ArrayList<>();
    Results.log("== profile " + p.name() + " " + p.config());
    r.put("profile", p.name());
    r.put("note", p.note());
    r.put("config", p.config());
    r.put("machine", Results.machine());
    r.put("startedAt", Instant.now().toString());
    Path dir = Files.createTempDirectory("npv-bench-" + p.name());
    try {
      Mem.reset();
      long t0 = System.nanoTime();
      GeneratedCluster g = p.generate();
      g.writeTo(dir);
      r.put("maxInvariants", Math.min(settings.maxInvariants(), p.maxInvariants()));
      r.put("generate", Results.phase(Results.ms(t0), Mem.peak(), Map.of("files", g.files().size())));
      r.put("counts", g.stats());
      r.put("load", Map.of());
      r.put("connectivity", Map.of());
      r.put("check", checks);
      r.put("disagreements", disagreements);
      save();
      Results.log("generated " + g.stats() + " in " + Results.ms(t0) + " ms");

      Cluster cluster = load(g.manifestsDir(dir), p.runs());
      save();
      r.put("connectivity", connectivity(cluster));
      save();

      InvariantSet all = new SpecReader().read(List.of(g.invariantsFile(dir))).get(0);
      int largest = 0;
      for (World world : World.values()) {
        if (!settings.worlds().contains(world)) {
          continue;
        }
        int done = 0;
        for (int batch : INVARIANT_COUNTS) {
          // A spec with fewer invariants than a batch is checked whole once.
          int n = Math.min(batch, all.invariants().size());
          if (n == done || n > settings.maxInvariants() || n > p.maxInvariants()) {
            continue;
          }
          done = n;
          largest = Math.max(largest, n);
          checks.addAll(check(cluster, prefix(all, n), world, n));
          save();
        }
      }
      if (settings.worlds().contains(World.CLOSED) && largest > 0) {
        r.put("enumeration", enumerate(cluster, prefix(all, largest).invariants()));
      }
      r.put("finishedAt", Instant.now().toString());
      save();
      return disagreements.size();
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static InvariantSet prefix(InvariantSet all, int n) {
    return new InvariantSet(all.name(), all.world(), ImmutableList.copyOf(all.invariants().subList(0, n)),
        all.location());
  }

  /** {@code runs} loads (median reported); also sets {@link #loadMillis}. */
  private Cluster load(Path manifests, int runs) throws InvalidInputException {
    List<Double> times = new ArrayList<>();
    Cluster cluster = null;
    Mem.reset();
    for (int i = 0; i < runs; i++) {
      cluster = null; // let the previous run's cluster go before the next one is built
      long t = System.nanoTime();
      LoadResult lr = new ClusterLoader().load(List.of(manifests.toString()), LoadOptions.defaults());
      times.add(Results.ms(t));
      cluster = lr.cluster();
      r.put("loadDiagnostics", lr.diagnostics().size());
    }
    loadMillis = Results.median(times);
    r.put("load", Results.phase(loadMillis, Mem.peak(), Map.of("runsMillis", times)));
    Results.log("load median " + loadMillis + " ms " + times);
    return cluster;
  }

  private Map<String, Object> connectivity(Cluster cluster) {
    return connectivity(cluster, profile.runs(), settings.maxConnectivitySeconds());
  }

  /** Full connectivity, after one focused warm-up and one focused run (skipped when too big or slow). */
  static Map<String, Object> connectivity(Cluster cluster, int runs, double maxSeconds) {
    int w = cluster.workloads().size();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("workloads", w);
    if (w > CONNECTIVITY_MAX_WORKLOADS) {
      extra.put("skipped", w + " workloads: over " + CONNECTIVITY_MAX_WORKLOADS + ", the W^2 matrix is predicted"
          + " far over the limit");
      Results.log("connectivity skipped: " + extra.get("skipped"));
      return Results.phase(-1, Mem.peak(), extra);
    }
    ConnectivityAnalyzer analyzer = new ConnectivityAnalyzer(cluster, EvaluatorOptions.DEFAULT);
    Mem.reset();
    analyzer.analyze(Optional.of(cluster.workloads().get(0).id())); // warm-up (JIT)
    String focus = cluster.workloads().get(w / 2).id();
    long t = System.nanoTime();
    ConnectivityReport one = analyzer.analyze(Optional.of(focus));
    double focusMs = Results.ms(t);
    extra.put("focusedWorkload", focus);
    extra.put("focusedMillis", focusMs);
    extra.put("focusedLinks", one.links().size());
    extra.put("predictedFullMillis", focusMs * w / 2.0);
    // The focused run mostly pays the analyzer's per-cluster precomputation, so scaling it by the
    // workload count wildly overestimates; skip only when one focused run alone exceeds the budget.
    if (focusMs > maxSeconds * 1000) {
      extra.put("skipped", "a focused run alone took longer than --max-connectivity-seconds " + maxSeconds);
      return Results.phase(-1, Mem.peak(), extra);
    }
    List<Double> times = new ArrayList<>();
    ConnectivityReport full = null;
    for (int i = 0; i < (focusMs < 200 ? runs : 1); i++) {
      full = null;
      long t1 = System.nanoTime();
      full = analyzer.analyze();
      times.add(Results.ms(t1));
    }
    extra.put("runsMillis", times);
    extra.put("links", full.links().size());
    Results.log("connectivity full median " + Results.median(times) + " ms, " + full.links().size() + " links");
    return Results.phase(Results.median(times), Mem.peak(), extra);
  }

  /** The sequential check of {@code set} and, when more than one worker would run, the parallel one. */
  private List<Map<String, Object>> check(Cluster cluster, InvariantSet set, World world, int n) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    Checked seq = checkOnce(cluster, set, world, 1, profile.runs() > 1 ? 3 : 1);
    Map<String, Object> seqPhase = seq.phase(world, n, 1);
    out.add(seqPhase);
    int cores = Runtime.getRuntime().availableProcessors();
    if (cores > 1 && n >= 2 * 4) { // Verifier runs at least 4 invariants per worker
      Checked par = checkOnce(cluster, set, world, cores, 1);
      Map<String, Object> parPhase = par.phase(world, n, cores);
      parPhase.put("speedup", seq.wall / par.wall);
      boolean same = verdicts(seq.report).equals(verdicts(par.report));
      parPhase.put("sameVerdictsAsSequential", same);
      if (!same) {
        disagree("parallel verdicts differ from sequential ones (" + world + ", " + n + "): "
            + verdicts(seq.report) + " vs " + verdicts(par.report));
      }
      out.add(parPhase);
    }
    return out;
  }

  private static List<String> verdicts(VerificationReport report) {
    return report.results().stream().map(c -> c.name() + "=" + c.verdict()).toList();
  }

  /** One configuration's timed runs: the median wall time and the last run's report. */
  private final class Checked {
    final VerificationReport report;
    final double wall;
    final List<Double> times;

    Checked(VerificationReport report, List<Double> times) {
      this.report = report;
      this.times = times;
      this.wall = Results.median(times);
    }

    Map<String, Object> phase(World world, int n, int jobs) {
      Map<String, Long> verdictCounts = new LinkedHashMap<>();
      long sum = 0;
      long max = 0;
      long rlimit = 0;
      for (CheckResult c : report.results()) {
        verdictCounts.merge(c.verdict().name(), 1L, Long::sum);
        sum += c.durationMillis();
        max = Math.max(max, c.durationMillis());
        rlimit += c.rlimit();
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("world", world.name());
      extra.put("invariants", n);
      extra.put("jobs", jobs);
      extra.put("runsMillis", times);
      extra.put("sumInvariantMillis", sum);
      extra.put("maxInvariantMillis", max);
      extra.put("setupMillis", jobs == 1 ? Math.max(0, wall - sum) : -1);
      extra.put("sumRlimit", rlimit);
      extra.put("verdicts", verdictCounts);
      Results.log(String.format(Locale.ROOT, "check %s x%d jobs %d: %.0f ms (invariants %d ms) %s", world, n, jobs,
          wall, sum, verdictCounts));
      return Results.phase(wall, Mem.peak(), extra);
    }
  }

  private Checked checkOnce(Cluster cluster, InvariantSet set, World world, int jobs, int runs) throws Exception {
    VerifyOptions opts = new VerifyOptions(Optional.of(world),
        new SessionOptions(EvaluatorOptions.DEFAULT, 120_000, true)).withJobs(jobs);
    List<Double> times = new ArrayList<>();
    VerificationReport report = null;
    Map<String, Long> rss = new HashMap<>();
    Mem.reset();
    for (int i = 0; i < runs; i++) {
      rss.clear();
      String[] current = {null};
      Verifier verifier = new Verifier(cluster, opts);
      if (jobs == 1) {
        // Sequential: the peak resident set between two progress calls belongs to one invariant.
        verifier.onProgress((done, total, name) -> {
          if (current[0] != null) {
            rss.put(current[0], Mem.peakRssMiB());
          }
          Mem.resetRss();
          current[0] = name;
        });
      }
      long t = System.nanoTime();
      report = verifier.verify(List.of(set));
      times.add(Results.ms(t));
      if (current[0] != null) {
        rss.put(current[0], Mem.peakRssMiB());
      }
    }
    for (CheckResult c : report.results()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("profile", profile.name());
      row.put("world", world.name());
      row.put("batch", set.invariants().size());
      row.put("jobs", jobs);
      row.put("invariant", c.name());
      row.put("expect", c.expect().specName());
      row.put("verdict", c.verdict().name());
      row.put("durationMillis", c.durationMillis());
      row.put("sessionEncodeMillis", c.cost().sessionEncodeMillis());
      row.put("encodeMillis", c.cost().encodeMillis());
      row.put("solveMillis", c.cost().solveMillis());
      row.put("rlimit", c.rlimit());
      row.put("assertions", c.cost().assertions());
      row.put("peakRssMiB", rss.getOrDefault(c.name(), -1L));
      row.put("loadMillis", loadMillis);
      for (String k : List.of("enumVerdict", "enumMillis", "enumPairs", "enumOverSolver")) {
        row.put(k, ""); // filled by enumerate() for the closed world
      }
      invariantRows.add(row);
    }
    return new Checked(report, times);
  }

  /**
   * The closed-world verdicts again, by enumeration; fills the enumeration columns of the closed
   * sequential rows and reports any verdict that differs from the solver's.
   */
  private Map<String, Object> enumerate(Cluster cluster, List<Invariant> invariants) {
    Mem.reset();
    long t = System.nanoTime();
    Enumerator e = new Enumerator(cluster, invariants);
    double setup = Results.ms(t);
    Map<String, Enumerator.Outcome> byName = new LinkedHashMap<>();
    double sum = 0;
    for (Invariant inv : invariants) {
      Enumerator.Outcome o = e.decide(inv);
      byName.put(inv.name(), o);
      sum += o.millis();
    }
    int agree = 0;
    int compared = 0;
    for (Map<String, Object> row : invariantRows) {
      Enumerator.Outcome o = byName.get((String) row.get("invariant"));
      if (!row.get("world").equals(World.CLOSED.name()) || o == null) {
        continue;
      }
      long solverMs = (Long) row.get("durationMillis");
      row.put("enumVerdict", o.verdict().name());
      row.put("enumMillis", o.millis());
      row.put("enumPairs", o.pairs());
      row.put("enumOverSolver", o.millis() / Math.max(1, solverMs));
      if (row.get("verdict").equals("UNKNOWN")) {
        continue;
      }
      compared++;
      if (row.get("verdict").equals(o.verdict().name())) {
        agree++;
      } else {
        disagree("solver says " + row.get("verdict") + " but enumeration " + o.verdict() + " for "
            + row.get("invariant") + " (closed world, jobs " + row.get("jobs") + ")");
      }
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("invariants", invariants.size());
    extra.put("ends", e.ends());
    extra.put("setupMillis", setup);
    extra.put("sumInvariantMillis", sum);
    extra.put("comparedRows", compared);
    extra.put("agreeingRows", agree);
    Results.log(String.format(Locale.ROOT, "enumeration x%d over %d ends: setup %.0f ms, invariants %.0f ms;"
        + " %d/%d rows agree", invariants.size(), e.ends(), setup, sum, agree, compared));
    return Results.phase(setup + sum, Mem.peak(), extra);
  }

  private void disagree(String what) {
    disagreements.add(what);
    Results.log("!!! DISAGREEMENT: " + what);
  }
}
