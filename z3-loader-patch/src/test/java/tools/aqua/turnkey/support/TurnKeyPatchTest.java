package tools.aqua.turnkey.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.z3.Version;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patched class shadows turnkey-support's, and z3-turnkey loads Z3 through it. */
class TurnKeyPatchTest {
  private static final String CLASS_FILE = "tools/aqua/turnkey/support/TurnKey.class";

  @Test
  void turnKey_isThePatch_upstreamsIsOnTheClassPathBehindIt() throws IOException {
    List<URL> copies = Collections.list(TurnKey.class.getClassLoader().getResources(CLASS_FILE));
    assertEquals(2, copies.size(), copies.toString());
    assertTrue(copies.get(1).toString().contains("turnkey-support-1.0.0.jar"), copies.toString());
    String loadedFrom = TurnKey.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(loadedFrom.contains("z3-loader-patch"), loadedFrom);
    assertTrue(copies.get(0).toString().contains("z3-loader-patch"), copies.toString());
  }

  /** Upstream would have unpacked into a fresh temporary "turnkey…" directory, never the cache. */
  @Test
  void z3_isLoadedFromTheCache() throws IOException {
    assertTrue(Version.getFullVersion().startsWith("Z3 4."), Version.getFullVersion());
    Path maps = Path.of("/proc/self/maps");
    assumeTrue(Files.isReadable(maps), "Linux shows the mapped library files");
    Path cache = Path.of(System.getenv("NPV_CACHE_DIR")).toAbsolutePath();
    List<String> z3 = Files.readAllLines(maps).stream().filter(l -> l.endsWith("/libz3java.so")).toList();
    assertTrue(!z3.isEmpty(), "libz3java.so is mapped");
    for (String line : z3) {
      String file = line.substring(line.indexOf('/'));
      assertTrue(Path.of(file).startsWith(cache.resolve("native")), file + " is not below " + cache);
    }
  }
}
