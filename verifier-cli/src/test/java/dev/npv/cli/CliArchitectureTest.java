package dev.npv.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI parses arguments and calls the core: it never reads YAML, talks to Z3 or decides a rule. */
class CliArchitectureTest {
  private static final JavaClasses CLI = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.npv.cli");

  @Test
  void cliNeverTouchesTheSolverOrTheYamlParser() {
    noClasses().that().resideInAPackage("dev.npv.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("com.microsoft.z3..", "org.yaml.snakeyaml..")
        .because("solving happens in the core's smt package and reading YAML in its load package")
        .check(CLI);
  }

  @Test
  void cliNeverDecidesARule() {
    // Options and plain data of eval/smt are fine (EvaluatorOptions, SessionOptions, Connection, Endpoint);
    // the evaluators, the encoder and the sessions are the core's.
    noClasses().that().resideInAPackage("dev.npv.cli..")
        .should().dependOnClassesThat().haveSimpleNameStartingWith("ReferenceEvaluator")
        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Session")
        .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Encoder")
        .orShould().dependOnClassesThat().haveSimpleName("PeerMatrix")
        .because("a verdict comes from the core's evaluators, never from the command line front end")
        .check(CLI);
  }
}
