package dev.npv.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the manifest loader and the spec reader with mutated fixtures (see {@link Mutator}) against
 * {@link FuzzContract}. The normal suite runs 200 seeds; the long run is on demand:
 *
 * <pre>mvn -B -o test -pl verifier-core -am -Dtest=LoaderFuzzTest#longRun -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dnpv.fuzz.minutes=30</pre>
 *
 * It runs until the time budget is spent, keeps going past failures, writes every failing input to
 * {@code target/fuzz-failures/} (named by its seed) and reports the count. Each failure then becomes a
 * named regression input in {@code src/test/resources/fuzz/regressions/}. Runs are recorded in README.md.
 */
class LoaderFuzzTest {
  /**
   * An input that takes longer than this is a hang: a hang guard, not a speed requirement, so generous
   * enough for a loaded machine (a mutated fixture parses in milliseconds).
   */
  private static final Duration HANG = Duration.ofSeconds(120);

  @Property(tries = 200)
  void mutatedFixturesMeetTheContract(@ForAll long seed) throws Exception {
    byte[] input = Mutator.mutate(FuzzCorpus.seeds(), seed);
    ExecutorService ex = Executors.newSingleThreadExecutor(LoaderFuzzTest::daemon);
    try {
      Optional<String> v = ex.submit(() -> FuzzContract.violation(input)).get(HANG.toSeconds(), TimeUnit.SECONDS);
      assertEquals(Optional.empty(), v, "seed " + seed);
    } catch (TimeoutException e) {
      throw new AssertionError("seed " + seed + " hangs (over " + HANG + ")");
    } finally {
      ex.shutdownNow();
    }
  }

  static Stream<Path> regressions() throws IOException {
    Path dir = Path.of("src/test/resources/fuzz/regressions");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  /** Every input a fuzz run once broke stays fixed. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("regressions")
  void regressionInputsMeetTheContract(Path file) throws IOException {
    assertEquals(Optional.empty(), FuzzContract.violation(Files.readAllBytes(file)), file.toString());
  }

  @Test
  @EnabledIfSystemProperty(named = "npv.fuzz.minutes", matches = "\\d+(\\.\\d+)?")
  void longRun() throws Exception {
    Duration budget = Duration.ofSeconds((long) (Double.parseDouble(System.getProperty("npv.fuzz.minutes")) * 60));
    long firstSeed = Long.getLong("npv.fuzz.seed", System.nanoTime());
    Path failures = Path.of("target/fuzz-failures");
    Files.createDirectories(failures);
    Instant start = Instant.now();
    List<String> found = new ArrayList<>();
    ExecutorService ex = Executors.newSingleThreadExecutor(LoaderFuzzTest::daemon);
    long inputs = 0;
    long seed = firstSeed;
    while (Duration.between(start, Instant.now()).compareTo(budget) < 0) {
      byte[] input = Mutator.mutate(FuzzCorpus.seeds(), seed);
      Future<Optional<String>> f = ex.submit(() -> FuzzContract.violation(input));
      Optional<String> v;
      try {
        v = f.get(HANG.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        v = Optional.of("hang (over " + HANG + ")");
        ex.shutdownNow(); // the stuck thread is a daemon; carry on with a fresh one
        ex = Executors.newSingleThreadExecutor(LoaderFuzzTest::daemon);
      }
      inputs++;
      if (v.isPresent()) {
        found.add("seed " + seed + ": " + v.get());
        Files.write(failures.resolve("seed-" + seed + ".yaml"), input);
        System.out.println("[fuzz] FAILURE seed " + seed + ": " + v.get());
      }
      if (inputs % 5000 == 0) {
        System.out.println("[fuzz] " + inputs + " inputs, " + found.size() + " failures, "
            + Duration.between(start, Instant.now()).toSeconds() + " s");
      }
      seed++;
    }
    ex.shutdownNow();
    String summary = "[fuzz] DONE: " + inputs + " inputs in " + Duration.between(start, Instant.now()).toSeconds()
        + " s from seed " + firstSeed + ", " + found.size() + " failures";
    System.out.println(summary);
    Files.writeString(failures.resolve("summary.txt"), summary + "\n" + String.join("\n", found) + "\n");
    assertTrue(found.isEmpty(), summary + "\n" + String.join("\n", found.subList(0, Math.min(20, found.size()))));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "fuzz-input");
    t.setDaemon(true);
    return t;
  }
}
