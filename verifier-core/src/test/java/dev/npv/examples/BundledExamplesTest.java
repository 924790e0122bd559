package dev.npv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.smt.SessionOptions;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import dev.npv.spec.World;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.Verifier;
import dev.npv.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example under specs/examples carries the verdict each invariant must get; this checks them in
 * both worlds, so the README's first command and the examples never drift.
 */
class BundledExamplesTest {
  static final Path EXAMPLES = Path.of("../specs/examples");

  static Stream<String> examples() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("invariants.yaml")))
          .map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  static List<String> mismatches(String example, World world) throws Exception {
    Path dir = EXAMPLES.resolve(example);
    Cluster cluster = new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()).cluster();
    List<InvariantSet> specs = new SpecReader().read(List.of(dir.resolve("invariants.yaml")));
    for (InvariantSet set : specs) {
      for (Invariant inv : set.invariants()) {
        assertTrue(inv.expectedIn(world).isPresent(), example + ": " + inv.name() + " records no verdict for " + world);
      }
    }
    VerificationReport report = new Verifier(cluster, new VerifyOptions(Optional.of(world),
        SessionOptions.DEFAULT)).verify(specs);
    assertFalse(report.results().isEmpty());
    return report.results().stream().filter(r -> !r.passed())
        .map(r -> r.name() + " got " + r.verdict() + ", expected " + r.expectedVerdict().orElseThrow()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void openWorld_everyInvariantGetsItsRecordedVerdict(String example) throws Exception {
    assertEquals(List.of(), mismatches(example, World.OPEN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void closedWorld_everyInvariantGetsItsRecordedVerdict(String example) throws Exception {
    assertEquals(List.of(), mismatches(example, World.CLOSED));
  }

}
