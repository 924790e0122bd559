package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.report.CheckFormat;
import dev.npv.testutil.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every report format of {@code npv check} over both bundled examples and one spec made to fail,
 * compared byte for byte with files under src/test/resources/golden. All formats come from one run
 * (one solve), as CI would ask for them. {@code -Dgolden.update=true} rewrites the golden files; a
 * mismatch writes {@code actual_<name>} beside the golden file (ignored by git) to diff against.
 */
class CheckReportGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @Test
  void seed() throws IOException {
    check("seed", ExitCodes.OK, "../specs/examples/seed/invariants.yaml", "../specs/examples/seed");
  }

  @Test
  void shop() throws IOException {
    check("shop", ExitCodes.OK, "../specs/examples/shop/invariants.yaml", "../specs/examples/shop");
  }

  @Test
  void seedFailing() throws IOException {
    check("seed-failing", ExitCodes.VIOLATED, GOLDEN.resolve("seed-failing.yaml").toString(),
        "../specs/examples/seed");
  }

  /** The golden file name of one case and format, e.g. seed.junit.xml. */
  static String goldenName(String name, CheckFormat f) {
    return name + "." + (f == CheckFormat.JUNIT ? "junit.xml" : f.extension());
  }

  private void check(String name, int exit, String spec, String manifests) throws IOException {
    Path dir = Files.createTempDirectory("npv-golden");
    List<String> args = new ArrayList<>(List.of("check", "--no-timings", "--spec", spec));
    for (CheckFormat f : CheckFormat.values()) {
      args.addAll(List.of("--format", f.cliName(), "--output", dir.resolve(goldenName(name, f)).toString()));
    }
    args.add(manifests);
    CliEndToEndTest.Run r = CliEndToEndTest.npv(args.toArray(String[]::new));
    assertEquals(exit, r.exit(), r.out() + r.err());
    assertEquals("", r.out(), "every report went to a file");
    Map<Path, String> actual = new LinkedHashMap<>();
    for (CheckFormat f : CheckFormat.values()) {
      String file = goldenName(name, f);
      actual.put(GOLDEN.resolve(file), Files.readString(dir.resolve(file)));
    }
    Golden.assertAllMatch(actual);
  }
}
