package dev.npv.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.Severity;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.LoadResult;
import dev.npv.model.Cluster;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.Verdict;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterGeneratorTest {
  static final GeneratorConfig SMALL = new GeneratorConfig(6, 8, 16, 42);

  @Test
  void sameSeedGivesByteIdenticalFiles() {
    GeneratedCluster a = new ClusterGenerator().generate(SMALL);
    GeneratedCluster b = new ClusterGenerator().generate(SMALL);
    assertEquals(a.files(), b.files());
    GeneratedCluster c = new ClusterGenerator().generate(new GeneratorConfig(6, 8, 16, 43));
    assertNotEquals(a.files(), c.files());
  }

  @Test
  void sameSeedGivesByteIdenticalFilesOnDisk(@TempDir Path dir) throws Exception {
    new ClusterGenerator().generate(SMALL).writeTo(dir.resolve("a"));
    new ClusterGenerator().generate(SMALL).writeTo(dir.resolve("b"));
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir.resolve("a"))) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertEquals(SMALL.namespaces() + 2, files.size());
    for (Path f : files) {
      Path other = dir.resolve("b").resolve(dir.resolve("a").relativize(f));
      assertTrue(Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(other)), f.toString());
    }
  }

  @Test
  void everyFileLoadsBackWithTheExpectedCounts(@TempDir Path dir) throws Exception {
    for (GeneratorConfig config : List.of(SMALL, new GeneratorConfig(1, 1, 1, 7), new GeneratorConfig(3, 2, 0, 1),
        new GeneratorConfig(25, 10, 30, 99))) {
      Path out = dir.resolve("c" + config.hashCode());
      GeneratedCluster g = new ClusterGenerator().generate(config);
      g.writeTo(out);
      LoadResult loaded = new ClusterLoader().load(List.of(g.manifestsDir(out).toString()), LoadOptions.defaults());
      Cluster cluster = loaded.cluster();
      assertEquals(config.namespaces() + 3, cluster.namespaces().size());
      assertEquals(config.namespaces() * config.workloadsPerNamespace() + 3, cluster.workloads().size());
      assertEquals(config.namespaces() * config.policiesPerNamespace(), cluster.policies().size());
      assertEquals(g.stats().workloads(), cluster.workloads().size());
      assertEquals(g.stats().policies(), cluster.policies().size());
      assertFalse(loaded.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR));
      ImmutableList<InvariantSet> sets = new SpecReader().read(List.of(g.invariantsFile(out)));
      assertEquals(1, sets.size());
      assertEquals(Math.min(config.namespaces(), ClusterGenerator.INVARIANT_NAMESPACES) * 6,
          sets.get(0).invariants().size());
      assertEquals(g.stats().invariants(), sets.get(0).invariants().size());
    }
  }

  @Test
  void invariantsGetBothVerdictsInBothWorlds(@TempDir Path dir) throws Exception {
    GeneratedCluster g = new ClusterGenerator().generate(SMALL);
    g.writeTo(dir);
    LoadResult loaded = new ClusterLoader().load(List.of(g.manifestsDir(dir).toString()), LoadOptions.defaults());
    for (Diagnostic d : loaded.diagnostics()) {
      System.out.println("generated cluster: " + d);
    }
    ImmutableList<InvariantSet> sets = new SpecReader().read(List.of(g.invariantsFile(dir)));
    for (World world : World.values()) {
      VerificationReport report = new Verifier(loaded.cluster(),
          new VerifyOptions(Optional.of(world), VerifyOptions.DEFAULT.session())).verify(sets);
      Map<Verdict, Long> verdicts = report.results().stream()
          .collect(Collectors.groupingBy(CheckResult::verdict, Collectors.counting()));
      for (CheckResult r : report.results()) {
        System.out.println(world + " " + r.name() + " " + r.verdict());
      }
      assertTrue(verdicts.getOrDefault(Verdict.PROVEN, 0L) > 0, world + ": " + verdicts);
      assertTrue(verdicts.getOrDefault(Verdict.VIOLATED, 0L) > 0, world + ": " + verdicts);
      assertEquals(0L, verdicts.getOrDefault(Verdict.UNKNOWN, 0L), world + ": " + verdicts);
    }
  }
}
