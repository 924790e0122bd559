package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every folder under load/invalid is rejected with exactly the errors and warnings its markers name. */
class InvalidManifestsTest {
  static Stream<Path> cases() {
    return Fixtures.caseDirs("load/invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheMarkedDiagnostics(Path dir) throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new ClusterLoader().load(List.of(dir.toString()), LoadOptions.defaults()));
    List<Diagnostic> all = e.diagnostics();
    assertTrue(all.stream().allMatch(d -> d.location().isKnown()), "every diagnostic has a line");
    TreeSet<String> expected = Fixtures.expected(dir);
    Fixtures.assertSame(expected, Fixtures.actual(all), all);
  }
}
