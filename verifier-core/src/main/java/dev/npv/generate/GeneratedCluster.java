package dev.npv.generate;

import com.google.common.collect.ImmutableSortedMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The generator's output: file texts by relative path ({@code manifests/*.yaml} and
 * {@code invariants.yaml}), and what they contain.
 */
public record GeneratedCluster(GeneratorConfig config, ImmutableSortedMap<String, String> files, Stats stats) {
  public static final String INVARIANTS_FILE = "invariants.yaml";
  public static final String MANIFESTS_DIR = "manifests";

  /**
   * Object counts. {@code namespaces} includes the infrastructure namespaces; {@code pods} is the sum
   * of the workloads' replicas (npv itself models one endpoint per workload).
   */
  public record Stats(int namespaces, int workloads, int pods, int policies, int invariants) {
  }

  /** Writes every file under {@code dir} (created if needed); returns {@code dir}. */
  public Path writeTo(Path dir) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
    }
    return dir;
  }

  public Path manifestsDir(Path dir) {
    return dir.resolve(MANIFESTS_DIR);
  }

  public Path invariantsFile(Path dir) {
    return dir.resolve(INVARIANTS_FILE);
  }
}
