package dev.npv.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls of verifier-core, held by the build: one direction of flow (load -> model -> the two
 * evaluators -> verify -> report), Z3 only in {@code smt}, SnakeYAML only in {@code load}, and a core
 * that never prints, exits or parses a command line.
 */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.npv");
  }

  private static void check(ArchRule rule) {
    rule.check(core);
  }

  @Test
  void z3TypesStayInsideSmt() {
    check(noClasses().that().resideOutsideOfPackage("dev.npv.smt..")
        .should().dependOnClassesThat().resideInAPackage("com.microsoft.z3..")
        .because("Z3 objects never leave the solver session: models and cores are decoded into plain records"));
  }

  @Test
  void snakeYamlStaysInsideLoad() {
    check(noClasses().that().resideOutsideOfPackage("dev.npv.load..")
        .should().dependOnClassesThat().resideInAPackage("org.yaml.snakeyaml..")
        .because("only the loader reads YAML; everything after it sees located manifests"));
  }

  @Test
  void modelDependsOnNothingButDiagnostics() {
    check(noClasses().that().resideInAPackage("dev.npv.model..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.npv.load..", "dev.npv.eval..", "dev.npv.smt..",
            "dev.npv.explain..", "dev.npv.lint..", "dev.npv.verify..", "dev.npv.report..", "dev.npv.spec..",
            "dev.npv.connectivity..", "dev.npv.generate..")
        .because("the IR is the bottom of the flow"));
  }

  @Test
  void loadNeverDependsOnEvaluatorsOrLaterStages() {
    check(noClasses().that().resideInAPackage("dev.npv.load..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.npv.eval..", "dev.npv.smt..", "dev.npv.explain..",
            "dev.npv.lint..", "dev.npv.verify..", "dev.npv.report..", "dev.npv.connectivity..", "dev.npv.spec..")
        .because("loading comes first: it produces the IR and knows nothing of what reads it"));
  }

  @Test
  void theTwoEvaluatorsStayIndependent() {
    // The SMT encoder may share the evaluator's plain data types (Connection, Endpoint, options), never
    // its rules: the differential test is only worth something while the two are written apart.
    check(noClasses().that().resideInAPackage("dev.npv.smt..")
        .should().dependOnClassesThat().haveSimpleNameStartingWith("ReferenceEvaluator")
        .orShould().dependOnClassesThat().haveSimpleName("PeerMatrix")
        .because("the encoder is an independent second implementation of the semantics"));
    check(noClasses().that().resideInAPackage("dev.npv.eval..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.npv.smt..", "com.microsoft.z3..")
        .because("the reference evaluator is the oracle the encoder is checked against"));
  }

  @Test
  void stagesDoNotReachBackUp() {
    check(noClasses().that().resideInAnyPackage("dev.npv.eval..", "dev.npv.smt..", "dev.npv.explain..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.npv.verify..", "dev.npv.report..")
        .because("evaluators and the encoder answer questions; verify and report consume the answers"));
    check(noClasses().that().resideInAPackage("dev.npv.verify..")
        .should().dependOnClassesThat().resideInAPackage("dev.npv.report..")
        .because("results are plain data; renderers read them, never the other way round"));
  }

  @Test
  void coreNeverPrintsExitsOrParsesACommandLine() {
    check(noClasses().that().resideInAPackage("dev.npv..")
        .should().dependOnClassesThat().resideInAPackage("picocli..")
        .because("the command line belongs to verifier-cli"));
    check(noClasses().that().resideInAPackage("dev.npv..")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .because("the core returns data and diagnostics; the CLI decides what to print"));
    check(noClasses().that().resideInAPackage("dev.npv..")
        .should().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Runtime.class, "halt", int.class)
        .because("only the CLI maps results to an exit code"));
  }
}
