package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar carries npv's patched TurnKey (z3-loader-patch), not turnkey-support's, and when
 * run as users run it, Z3 loads from the cache; with an unusable cache it leaves nothing in the
 * temporary directory, and a truncated cached library is replaced.
 */
class Z3LoaderPatchIT {
  private static final String CLASS_FILE = "tools/aqua/turnkey/support/TurnKey.class";

  record Run(int exit, String out) {
  }

  static Run npv(Map<String, String> env, List<String> jvmOptions, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-jar", PackagedJarIT.JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  private static Run reach(Path cache, Path tmp) throws Exception {
    return npv(Map.of("NPV_CACHE_DIR", cache.toString()), List.of("-Djava.io.tmpdir=" + tmp),
        "reach", "--to", "myapp/backend", PackagedJarIT.SEED);
  }

  @Test
  void packagedJar_holdsThePatchedTurnKey_notTurnkeySupports() throws IOException {
    byte[] patch = null;
    byte[] upstream = null;
    for (URL copy : Collections.list(getClass().getClassLoader().getResources(CLASS_FILE))) {
      try (InputStream in = copy.openStream()) {
        if (copy.toString().contains("z3-loader-patch")) {
          patch = in.readAllBytes();
        } else if (copy.toString().contains("turnkey-support")) {
          upstream = in.readAllBytes();
        }
      }
    }
    assertNotNull(patch, "z3-loader-patch on the test class path");
    assertNotNull(upstream, "turnkey-support on the test class path");
    assertFalse(Arrays.equals(patch, upstream));
    try (JarFile jar = new JarFile(PackagedJarIT.JAR.toFile())) {
      ZipEntry entry = jar.getEntry(CLASS_FILE);
      assertNotNull(entry);
      try (InputStream in = jar.getInputStream(entry)) {
        assertArrayEquals(patch, in.readAllBytes(), "npv.jar's TurnKey is the patch's class file");
      }
      assertNotNull(jar.getEntry("dev/npv/z3loader/NativeLibraryInstaller.class"));
      assertNotNull(jar.getEntry("META-INF/LICENSE-turnkey-support.txt"), "upstream's ISC notice ships with the patch");
    }
  }

  @Test
  void fromTheJar_z3IsUnpackedIntoTheCache_notTheTemporaryDirectory(@TempDir Path cache, @TempDir Path tmp)
      throws Exception {
    Run run = reach(cache, tmp);
    assertEquals(0, run.exit(), run.out());
    assertFalse(libraries(cache).isEmpty(), "unpacked into NPV_CACHE_DIR");
    assertEquals(List.of(), listing(tmp));
  }

  /** Root ignores permission bits, so the unwritable cache is one whose parent is a regular file. */
  @Test
  void unwritableCache_npvStillRuns_andLeavesNothingInTheTemporaryDirectory(@TempDir Path dir, @TempDir Path tmp)
      throws Exception {
    Path blocker = Files.writeString(dir.resolve("regular-file"), "x");
    for (int start = 0; start < 2; start++) {
      Run run = reach(blocker.resolve("cache"), tmp);
      assertEquals(0, run.exit(), run.out());
      assertEquals(List.of(), listing(tmp), "start " + start + " left a copy of Z3 behind");
    }
  }

  @Test
  void truncatedCachedLibrary_isReplaced_notLoaded(@TempDir Path cache, @TempDir Path tmp) throws Exception {
    assertEquals(0, reach(cache, tmp).exit());
    Path libz3 = libraries(cache).stream().filter(p -> p.getFileName().toString().startsWith("libz3.")).findFirst()
        .orElseThrow();
    long size = Files.size(libz3);
    byte[] half = Arrays.copyOf(Files.readAllBytes(libz3), (int) (size / 2));
    Files.write(libz3, half);

    Run run = reach(cache, tmp);
    assertEquals(0, run.exit(), run.out());
    assertEquals(size, Files.size(libz3));
  }

  /** The loader's own reason reaches the user (a failed static initialiser hides it in its cause). */
  @Test
  void unsupportedPlatform_isOneClearErrorNamingIt(@TempDir Path cache, @TempDir Path tmp) throws Exception {
    Run run = npv(Map.of("NPV_CACHE_DIR", cache.toString()), List.of("-Dos.arch=sparc", "-Djava.io.tmpdir=" + tmp),
        "reach", "--to", "myapp/backend", PackagedJarIT.SEED);
    assertEquals(6, run.exit(), run.out());
    assertTrue(run.out().contains("cannot load the Z3 native library: Unsupported CPU architecture: sparc"), run.out());
    assertEquals(List.of(), listing(tmp));
  }

  private static List<Path> libraries(Path cache) throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(p -> p.getFileName().toString().startsWith("libz3")).sorted().toList();
    }
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
