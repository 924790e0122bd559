package dev.npv.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The seeds the fuzzer mutates: every YAML fixture of the tests and the bundled examples. */
final class FuzzCorpus {
  private static List<String> seeds;

  private FuzzCorpus() {
  }

  static synchronized List<String> seeds() {
    if (seeds == null) {
      try {
        Path resources = Path.of(Objects.requireNonNull(FuzzCorpus.class.getClassLoader().getResource("load")).toURI())
            .getParent();
        Stream<Path> roots = Stream.of(resources, Path.of("../specs/examples")).filter(Files::isDirectory);
        seeds = roots.flatMap(FuzzCorpus::yamlFiles).sorted().map(FuzzCorpus::read).toList();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return seeds;
  }

  private static Stream<Path> yamlFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().matches(".*\\.(yaml|yml|json)$")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      // lenient: some seeds are deliberately not UTF-8
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
