package dev.npv.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Z3 loads through npv's patched TurnKey (z3-loader-patch) on verifier-core's class path, whose order
 * the benchmarks and verifier-cli inherit: the patch, not turnkey-support's class, and the library
 * from the cache, not a fresh temporary directory. (The shaded jar: Z3LoaderPatchIT.)
 */
class SolverLibraryTest {
  private static final String TURNKEY = "tools.aqua.turnkey.support.TurnKey";

  @Test
  void turnKeyLoadedInProcess_isThePatch_notTurnkeySupports() throws Exception {
    Class<?> loaded = Class.forName(TURNKEY);
    String source = loaded.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(source.contains("z3-loader-patch"), source);
    List<URL> onClassPath = Collections.list(ClassLoader.getSystemClassLoader()
        .getResources(TURNKEY.replace('.', '/') + ".class"));
    assertEquals(2, onClassPath.size(), "the patch and the original it shadows: " + onClassPath);
    assertTrue(onClassPath.get(0).toString().contains("z3-loader-patch"), onClassPath.toString());
    assertTrue(onClassPath.get(1).toString().contains("turnkey-support"), onClassPath.toString());
  }

  @Test
  void z3_isUsable_andMappedFromTheCacheDirectory() throws IOException {
    assertEquals(Optional.empty(), SolverLibrary.problem());
    assertTrue(SolverLibrary.version().startsWith("Z3 4."), SolverLibrary.version());
    Path maps = Path.of("/proc/self/maps");
    assumeTrue(Files.isReadable(maps), "Linux shows the mapped library files");
    Path cache = Path.of(System.getenv("NPV_CACHE_DIR")).toAbsolutePath().resolve("native");
    List<String> mapped = Files.readAllLines(maps).stream()
        .filter(l -> l.endsWith("/libz3java.so") || l.endsWith("/libz3.so"))
        .map(l -> l.substring(l.indexOf('/')))
        .distinct()
        .toList();
    assertFalse(mapped.isEmpty(), "Z3's libraries are mapped");
    for (String file : mapped) {
      assertTrue(Path.of(file).startsWith(cache), file + " is not below " + cache);
    }
  }
}
