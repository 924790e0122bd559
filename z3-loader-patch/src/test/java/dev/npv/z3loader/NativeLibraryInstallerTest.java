package dev.npv.z3loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.microsoft.z3.Native;
import dev.npv.z3loader.NativeLibraryInstaller.BundledLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's file handling, with in-memory libraries and a loader that records what it was asked
 * to load (and reads the file at that moment, as {@link System#load} would). Z3's real libraries from
 * the z3-turnkey jar are used where the jar-directory fingerprint matters.
 */
class NativeLibraryInstallerTest {
  private static final byte[] MAIN = randomBytes(300_000, 1);
  private static final byte[] HELPER = randomBytes(20_000, 2);
  private static final List<BundledLibrary> BUNDLE = List.of(
      new BundledLibrary("/fake/linux/amd64/libhelper.so", "libhelper.so"),
      new BundledLibrary("/fake/linux/amd64/libmain.so", "libmain.so"));
  private static final List<String> LOAD_ORDER = List.of("libmain.so");

  /** What the loader saw: the path, and the file's bytes when it was loaded. */
  record Loaded(Path path, byte[] bytes) {
  }

  private final List<Loaded> loaded = new ArrayList<>();
  private final Map<String, byte[]> resources = new HashMap<>(Map.of(
      BUNDLE.get(0).resource(), HELPER, BUNDLE.get(1).resource(), MAIN));
  private int opened;

  private NativeLibraryInstaller installer(Path cacheRoot, Path tempRoot) {
    Function<String, InputStream> open = name -> {
      byte[] bytes = resources.get(name);
      if (bytes == null) {
        return null;
      }
      opened++;
      return new ByteArrayInputStream(bytes);
    };
    Function<String, URL> notInAJar = name -> null;
    return new NativeLibraryInstaller(open, notInAJar, cacheRoot, tempRoot, path -> {
      try {
        loaded.add(new Loaded(path, Files.readAllBytes(path)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  void firstStart_unpacksIntoTheCache_laterStartsLoadTheSameFilesWithoutWriting(@TempDir Path cache,
      @TempDir Path temp) throws IOException {
    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    Path first = loaded.get(0).path();
    assertTrue(first.startsWith(cache.resolve("native")), first.toString());
    assertArrayEquals(MAIN, loaded.get(0).bytes());
    assertArrayEquals(HELPER, Files.readAllBytes(first.resolveSibling("libhelper.so")));
    FileTime written = Files.getLastModifiedTime(first);
    Files.setLastModifiedTime(first, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    assertEquals(first, loaded.get(1).path());
    assertEquals(FileTime.from(Instant.parse("2020-01-01T00:00:00Z")), Files.getLastModifiedTime(first),
        "reused, not written again (was " + written + ")");
    assertEquals(List.of(), listing(temp));
  }

  @Test
  void truncatedCachedLibrary_isReplacedBeforeItIsLoaded(@TempDir Path cache, @TempDir Path temp)
      throws IOException {
    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    Path library = loaded.get(0).path();
    byte[] truncated = Arrays.copyOf(MAIN, MAIN.length / 3);
    Files.write(library, truncated);

    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    assertEquals(library, loaded.get(1).path());
    assertArrayEquals(MAIN, loaded.get(1).bytes(), "the loader never sees the truncated copy");
    assertArrayEquals(MAIN, Files.readAllBytes(library));
    assertEquals(List.of("libhelper.so", "libmain.so"), names(listing(library.getParent())), "no .part left");
  }

  @Test
  void differentLibraryContent_getsItsOwnCacheEntry_neverAStaleOne(@TempDir Path cache, @TempDir Path temp)
      throws IOException {
    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    byte[] upgraded = randomBytes(MAIN.length, 3);
    resources.put(BUNDLE.get(1).resource(), upgraded);

    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    assertNotEquals(loaded.get(0).path().getParent(), loaded.get(1).path().getParent());
    assertArrayEquals(upgraded, loaded.get(1).bytes());
  }

  /** Root ignores permission bits, so the unwritable cache is one whose parent is a regular file. */
  @Test
  void cacheBelowARegularFile_loadsFromATemporaryCopy_andLeavesNothingInTemp(@TempDir Path dir,
      @TempDir Path temp) throws IOException {
    Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
    installer(blocker.resolve("cache"), temp).load(BUNDLE, LOAD_ORDER);

    assertEquals(1, loaded.size());
    assertTrue(loaded.get(0).path().startsWith(temp), loaded.get(0).path().toString());
    assertArrayEquals(MAIN, loaded.get(0).bytes());
    assertEquals(List.of(), listing(temp), "the 35 MB copy is removed once loaded");
    assertEquals("x", Files.readString(blocker));
  }

  @Test
  void readOnlyCacheDirectory_loadsFromATemporaryCopy_andLeavesNothingInTemp(@TempDir Path dir,
      @TempDir Path temp) throws IOException {
    Path cache = Files.createDirectory(dir.resolve("cache"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(cache), "permission bits do not stop this user (root)");
      installer(cache, temp).load(BUNDLE, LOAD_ORDER);
      assertTrue(loaded.get(0).path().startsWith(temp));
      assertArrayEquals(MAIN, loaded.get(0).bytes());
      assertEquals(List.of(), listing(temp));
      assertEquals(List.of(), listing(cache));
    } finally {
      Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void completeCache_isLoadedWithoutCopyingAgain(@TempDir Path cache, @TempDir Path temp)
      throws IOException {
    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    int reads = opened;
    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    assertEquals(reads + BUNDLE.size(), opened, "only fingerprinting reads (no jar here), no copy");
    assertTrue(loaded.get(1).path().startsWith(cache));
  }

  @Test
  void loadFailure_stillRemovesTheTemporaryCopy(@TempDir Path dir, @TempDir Path temp) throws IOException {
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    NativeLibraryInstaller failing = new NativeLibraryInstaller(name -> new ByteArrayInputStream(MAIN),
        name -> null, blocker.resolve("cache"), temp, path -> {
          throw new UnsatisfiedLinkError("refused " + path);
        });
    UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class, () -> failing.load(BUNDLE, LOAD_ORDER));
    assertTrue(e.getMessage().startsWith("refused " + temp), e.getMessage());
    assertEquals(List.of(), listing(temp));
  }

  @Test
  void abandonedPartFromAKilledUnpack_isRemovedOnTheNextUnpack_aFreshOneIsKept(@TempDir Path cache,
      @TempDir Path temp) throws IOException {
    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    Path entry = loaded.get(0).path().getParent();
    Path abandoned = Files.write(entry.resolve("libmain.so.123.part"), new byte[1000]);
    Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(NativeLibraryInstaller.ABANDONED_PART_AGE)
        .minusSeconds(60)));
    Path inProgress = Files.write(entry.resolve("libmain.so.456.part"), new byte[1000]);
    Files.delete(entry.resolve("libmain.so"));

    installer(cache, temp).load(BUNDLE, LOAD_ORDER);
    assertFalse(Files.exists(abandoned));
    assertTrue(Files.exists(inProgress), "may belong to a start running now");
    assertArrayEquals(MAIN, loaded.get(1).bytes());
  }

  @Test
  void missingResource_isAnErrorNamingIt(@TempDir Path cache, @TempDir Path temp) {
    resources.remove(BUNDLE.get(0).resource());
    IOException e = assertThrows(IOException.class,
        () -> installer(cache, temp).load(BUNDLE, LOAD_ORDER));
    assertTrue(e.getMessage().contains(BUNDLE.get(0).resource()), e.getMessage());
    assertEquals(List.of(), loaded);
  }

  /** The cheap fingerprint (jar directory) describes the same bytes the stream delivers. */
  @Test
  void jarEntryFingerprint_agreesWithTheBytesOfZ3sLibrary() throws IOException {
    String resource = "/com/microsoft/z3/linux/amd64/libz3java.so";
    URL url = Native.class.getResource(resource);
    assertEquals("jar", url.getProtocol(), "z3-turnkey is a jar on the test class path");
    BundledLibrary library = new BundledLibrary(resource, "libz3java.so");
    NativeLibraryInstaller fromJar = new NativeLibraryInstaller(Native.class::getResourceAsStream,
        Native.class::getResource, Path.of("unused"), Path.of("unused"), path -> { });
    NativeLibraryInstaller byReading = new NativeLibraryInstaller(Native.class::getResourceAsStream,
        name -> null, Path.of("unused"), Path.of("unused"), path -> { });
    assertEquals(byReading.fingerprint(library), fromJar.fingerprint(library));
    assertEquals(515_585, fromJar.fingerprint(library).size());
  }

  /** A jar entry that does not describe what the stream delivers is never cached. */
  @Test
  void bytesDifferingFromTheJarEntry_areNotCached(@TempDir Path cache, @TempDir Path temp) throws IOException {
    URL helperEntry = Native.class.getResource("/com/microsoft/z3/linux/amd64/libz3java.so");
    NativeLibraryInstaller mismatched = new NativeLibraryInstaller(
        name -> new ByteArrayInputStream(resources.get(name)), name -> helperEntry, cache, temp,
        path -> loaded.add(new Loaded(path, null)));
    mismatched.load(BUNDLE, LOAD_ORDER);
    assertTrue(loaded.get(0).path().startsWith(temp));
    try (Stream<Path> files = Files.walk(cache)) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
    }
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(p -> p.getFileName().toString()).toList();
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
