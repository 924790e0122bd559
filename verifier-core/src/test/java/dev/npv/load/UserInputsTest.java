package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs as users have them (issue 12, item 6): unrendered folders are refused with the command, files read once. */
class UserInputsTest {
  private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\n";

  private static List<Diagnostic> errors(List<String> inputs) {
    return assertThrows(InvalidInputException.class,
        () -> new ClusterLoader().load(inputs, LoadOptions.defaults())).diagnostics().stream()
        .filter(Diagnostic::isError).toList();
  }

  @Test
  void kustomizationFolderIsRefusedWithTheCommandThatRendersIt(@TempDir Path dir) throws Exception {
    Path app = Files.createDirectories(dir.resolve("app"));
    Files.writeString(app.resolve("kustomization.yaml"), "resources: [pod.yaml]\n");
    Files.writeString(app.resolve("pod.yaml"), POD);
    List<Diagnostic> ds = errors(List.of(app.toString()));
    assertEquals(1, ds.size(), ds.toString());
    Diagnostic d = ds.get(0);
    assertEquals(Codes.INPUT_UNRENDERED, d.code());
    assertEquals(app.resolve("kustomization.yaml").toString(), d.location().file());
    assertEquals(1, d.location().line());
    assertTrue(d.message().contains("kubectl kustomize " + app + " | npv … -"), d.message());
  }

  @Test
  void aKustomizationFileNamedDirectlyIsRefusedToo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");
    List<Diagnostic> ds = errors(List.of(dir.resolve("kustomization.yaml").toString()));
    assertEquals(List.of(Codes.INPUT_UNRENDERED), ds.stream().map(Diagnostic::code).toList());
    assertTrue(ds.get(0).message().contains("kubectl kustomize " + dir + " |"), ds.get(0).message());
  }

  @Test
  void everyKustomizationFileNameCounts(@TempDir Path dir) throws Exception {
    for (String name : List.of("kustomization.yml", "Kustomization")) {
      Path app = Files.createDirectories(dir.resolve(name.toLowerCase().replace('.', '-')));
      Files.writeString(app.resolve(name), "resources: []\n");
      assertEquals(List.of(Codes.INPUT_UNRENDERED), errors(List.of(app.toString())).stream().map(Diagnostic::code).toList());
    }
  }

  @Test
  void helmChartIsRefusedWithHelmTemplate(@TempDir Path dir) throws Exception {
    Path chart = Files.createDirectories(dir.resolve("web"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web-chart\nversion: 0.1.0\n");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("templates/pod.yaml"), "{{- if .Values.on }}\n" + POD + "{{- end }}\n");
    List<Diagnostic> ds = errors(List.of(dir.toString()));
    assertEquals(1, ds.size(), ds.toString()); // no YAML errors from the templates
    assertEquals(Codes.INPUT_UNRENDERED, ds.get(0).code());
    assertTrue(ds.get(0).message().contains("helm template web-chart " + chart + " | npv … -"), ds.get(0).message());
  }

  @Test
  void onlyTheOutermostKustomizationIsReportedAndOtherFilesStillLoad(@TempDir Path dir) throws Exception {
    Path base = Files.createDirectories(dir.resolve("deploy/base"));
    Files.writeString(dir.resolve("deploy/kustomization.yaml"), "resources: [base]\n");
    Files.writeString(base.resolve("kustomization.yaml"), "resources: []\n");
    Files.writeString(dir.resolve("ok.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: Bad, namespace: x}\n");
    List<Diagnostic> ds = errors(List.of(dir.toString()));
    assertEquals(List.of(Codes.INPUT_UNRENDERED, Codes.NAME), ds.stream().map(Diagnostic::code).sorted().toList(),
        ds.toString());
    assertTrue(ds.stream().anyMatch(d -> d.location().file().equals(dir.resolve("deploy/kustomization.yaml").toString())));
  }

  @Test
  void aFileNamedTwiceOrInsideANamedFolderIsReadOnce(@TempDir Path dir) throws Exception {
    Path pod = dir.resolve("pod.yaml");
    Files.writeString(pod, POD);
    LoadResult r = new ClusterLoader().load(List.of(dir.toString(), pod.toString(), pod.toString(),
        dir.resolve(".").resolve("pod.yaml").toString()), LoadOptions.defaults());
    assertEquals(1, r.cluster().workloads().size());
    // Identical notes (the same path named twice) are one diagnostic.
    assertEquals(Set.of(pod.toString(), dir.resolve(".").resolve("pod.yaml").toString()),
        r.diagnostics().stream().filter(d -> d.code().equals(Codes.INPUT_REPEATED) && d.severity() == Severity.NOTE)
            .map(d -> d.location().file()).collect(Collectors.toSet()), r.diagnostics().toString());
  }
}
