package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs examples/ci/npv-gate.sh (what the documented GitHub Actions workflow runs) in a throw-away git
 * repository: a pull request that opens traffic fails the gate, one that does not passes, and the
 * JUnit, SARIF and Markdown reports are written.
 */
class CiGateScriptTest {
  static final Path SCRIPT = Path.of("../examples/ci/npv-gate.sh").toAbsolutePath();
  static final Path SEED = Path.of("../specs/examples/seed").toAbsolutePath();

  @TempDir
  Path repo;

  @Test
  void gate_failsAChangeThatOpensTraffic_passesOneThatDoesNot() throws Exception {
    Files.createDirectories(repo.resolve("k8s"));
    Files.createDirectories(repo.resolve("npv"));
    for (String f : List.of("cluster.yaml", "policies.yaml")) {
      Files.copy(SEED.resolve(f), repo.resolve("k8s").resolve(f));
    }
    Files.copy(SEED.resolve("invariants.yaml"), repo.resolve("npv/invariants.yaml"));
    run(List.of("git", "init", "-q"));
    run(List.of("git", "add", "."));
    run(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base"));

    Process unchanged = gate();
    assertEquals(0, unchanged.waitFor(), output(unchanged));
    Path reports = repo.resolve("reports");
    assertTrue(Files.readString(reports.resolve("npv-check.md")).contains("backend-only-from-namespace-myapp"));
    assertEquals("testsuites", DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(reports.resolve("npv-check.junit.xml").toFile()).getDocumentElement().getTagName());
    assertEquals("2.1.0", new ObjectMapper().readTree(reports.resolve("npv-check.sarif").toFile())
        .get("version").asText());

    Path cluster = repo.resolve("k8s/cluster.yaml");
    Files.writeString(cluster, Files.readString(cluster).replace("    project: shop", "    project: myApp"));
    Process opening = gate();
    assertEquals(1, opening.waitFor(), output(opening));
    assertTrue(Files.readString(reports.resolve("npv-diff.txt")).contains("opened (HEAD allows, BASE denies): FOUND"));
  }

  private Process gate() throws Exception {
    String npv = "java -cp " + System.getProperty("java.class.path") + " dev.npv.cli.Main";
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "k8s", "npv/invariants.yaml", "HEAD", "reports")
        .directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().put("NPV", npv);
    return pb.start();
  }

  private static String output(Process p) throws Exception {
    return new String(p.getInputStream().readAllBytes());
  }

  private void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = output(p);
    assertEquals(0, p.waitFor(), out);
  }
}
