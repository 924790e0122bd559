package dev.npv.z3loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * Makes bundled native libraries available on disk and loads them: once per library content into a
 * cache directory, reused by later starts; when the cache cannot be used, in a private temporary
 * directory that is removed again right after loading (a loaded library stays mapped on Linux and
 * macOS), so no start leaves a copy behind.
 *
 * <p>Cache entries are named after the libraries' sizes and CRC-32s (read from the jar's directory,
 * not from the bytes), so a rebuilt npv jar with the same Z3 reuses them and a different Z3 never
 * meets a stale one. A cached file is trusted only when its size is the bundled one: anything else
 * (a truncated file, say) is unpacked again. Unpacking writes a private {@code .part} file and
 * renames it into place, so concurrent starts never see a half-written library.
 */
public final class NativeLibraryInstaller {
  /** A library inside the jar ({@code resource}, as the resource function takes it) and its file name on disk. */
  public record BundledLibrary(String resource, String fileName) {
    public BundledLibrary {
      Objects.requireNonNull(resource);
      if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")) {
        throw new IllegalArgumentException("not a plain file name: " + fileName);
      }
    }
  }

  /** What the bundled bytes are: enough to name a cache entry and to reject a truncated copy. */
  record Fingerprint(long size, long crc32) {
  }

  /** A {@code .part} file this old belongs to no running unpack (one takes well under a minute). */
  static final Duration ABANDONED_PART_AGE = Duration.ofHours(1);
  static final String CACHE_LAYOUT = "npv-native-cache-v1";

  private final Function<String, InputStream> resources;
  private final Function<String, URL> locator;
  private final Path cacheRoot;
  private final Path tempRoot;
  private final Consumer<Path> systemLoad;

  /**
   * @param resources opens a bundled resource (null when absent), as z3-turnkey passes it
   * @param locator finds the same resource's URL (null when unknown), to read its size and CRC from
   *     the jar directory instead of reading all of it
   * @param cacheRoot where cache entries live ({@code native/<key>/} below it); may be unusable
   * @param tempRoot where the fallback's private directory is created
   * @param systemLoad loads one library file ({@link System#load} outside tests)
   */
  NativeLibraryInstaller(Function<String, InputStream> resources, Function<String, URL> locator, Path cacheRoot,
      Path tempRoot, Consumer<Path> systemLoad) {
    this.resources = resources;
    this.locator = locator;
    this.cacheRoot = cacheRoot;
    this.tempRoot = tempRoot;
    this.systemLoad = systemLoad;
  }

  /**
   * The installer a process uses: cache {@code $NPV_CACHE_DIR}, else {@code $XDG_CACHE_HOME/npv}, else
   * {@code ~/.cache/npv}; fallback in {@code java.io.tmpdir}.
   */
  public static NativeLibraryInstaller forThisProcess(Function<String, InputStream> resources,
      Function<String, URL> locator) {
    return new NativeLibraryInstaller(resources, locator, defaultCacheRoot(),
        Path.of(System.getProperty("java.io.tmpdir")), path -> System.load(path.toAbsolutePath().toString()));
  }

  static Path defaultCacheRoot() {
    String explicit = System.getenv("NPV_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "npv");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "npv");
  }

  /** Makes every bundled library available, then loads {@code loadOrder} (file names) in that order. */
  public void load(List<BundledLibrary> bundled, List<String> loadOrder) throws IOException {
    Path cached = cachedDirectory(bundled);
    if (cached != null) {
      loadFrom(cached, loadOrder);
      return;
    }
    loadFromPrivateTemporaryDirectory(bundled, loadOrder);
  }

  /** The cache entry holding every library, complete; null when the cache cannot be used. */
  private Path cachedDirectory(List<BundledLibrary> bundled) {
    try {
      List<Fingerprint> fingerprints = new ArrayList<>();
      for (BundledLibrary library : bundled) {
        fingerprints.add(fingerprint(library));
      }
      Path dir = cacheRoot.resolve("native").resolve(cacheKey(bundled, fingerprints));
      Files.createDirectories(dir);
      for (int i = 0; i < bundled.size(); i++) {
        Path target = dir.resolve(bundled.get(i).fileName());
        if (!isComplete(target, fingerprints.get(i))) {
          removeAbandonedParts(dir);
          install(bundled.get(i), fingerprints.get(i), target);
        }
      }
      return dir;
    } catch (IOException | UncheckedIOException | SecurityException | InvalidPathException e) {
      // an unwritable or unusable cache: the private temporary directory below still works
      return null;
    }
  }

  static boolean isComplete(Path target, Fingerprint expected) throws IOException {
    try {
      return Files.isRegularFile(target) && Files.size(target) == expected.size();
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Unpacks next to the target under a private name, checks the bytes, and renames into place. */
  private void install(BundledLibrary library, Fingerprint expected, Path target) throws IOException {
    Path part = Files.createTempFile(target.getParent(), target.getFileName().toString() + ".", ".part");
    try {
      Fingerprint written = copy(library, part);
      if (!written.equals(expected)) {
        throw new IOException(library.resource() + " read as " + written + ", its jar entry says " + expected);
      }
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Deletes {@code .part} files left by an unpack that was killed (each may hold 35 MB). */
  private static void removeAbandonedParts(Path dir) throws IOException {
    FileTime cutoff = FileTime.from(Instant.now().minus(ABANDONED_PART_AGE));
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.part")) {
      for (Path part : parts) {
        try {
          if (Files.getLastModifiedTime(part).compareTo(cutoff) < 0) {
            Files.deleteIfExists(part);
          }
        } catch (IOException e) {
          // another start removed it, or it is not ours to remove: leave it
        }
      }
    }
  }

  private void loadFromPrivateTemporaryDirectory(List<BundledLibrary> bundled, List<String> loadOrder)
      throws IOException {
    Path dir = Files.createTempDirectory(tempRoot, "npv-z3-");
    List<Path> written = new ArrayList<>();
    try {
      for (BundledLibrary library : bundled) {
        Path file = dir.resolve(library.fileName());
        written.add(file);
        copy(library, file);
      }
      loadFrom(dir, loadOrder);
    } finally {
      removeNow(dir, written);
    }
  }

  /**
   * Deletes the fallback copies at once; where the platform refuses to delete a loaded library
   * (Windows), at exit instead (directory first: the JVM deletes in reverse order of registration).
   */
  private static void removeNow(Path dir, List<Path> files) {
    boolean all = true;
    for (Path file : files) {
      all &= deleteQuietly(file);
    }
    all &= deleteQuietly(dir);
    if (!all) {
      dir.toFile().deleteOnExit();
      files.forEach(f -> f.toFile().deleteOnExit());
    }
  }

  private static boolean deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void loadFrom(Path dir, List<String> loadOrder) {
    for (String library : loadOrder) {
      systemLoad.accept(dir.resolve(library));
    }
  }

  /** Copies a bundled library to {@code file}, returning what was actually written. */
  private Fingerprint copy(BundledLibrary library, Path file) throws IOException {
    try (InputStream in = open(library)) {
      CheckedInputStream checked = new CheckedInputStream(in, new CRC32());
      long size = Files.copy(checked, file, StandardCopyOption.REPLACE_EXISTING);
      return new Fingerprint(size, checked.getChecksum().getValue());
    }
  }

  private InputStream open(BundledLibrary library) throws IOException {
    InputStream in = resources.apply(library.resource());
    if (in == null) {
      throw new IOException("missing " + library.resource() + " (packaging error)");
    }
    return in;
  }

  /** From the jar directory when the resource is a jar entry (no reading); else by reading it once. */
  Fingerprint fingerprint(BundledLibrary library) throws IOException {
    URL url = locator.apply(library.resource());
    if (url != null && "jar".equals(url.getProtocol())) {
      URLConnection connection = url.openConnection();
      if (connection instanceof JarURLConnection jar) {
        JarEntry entry = jar.getJarEntry();
        if (entry != null && entry.getSize() >= 0 && entry.getCrc() >= 0) {
          return new Fingerprint(entry.getSize(), entry.getCrc());
        }
      }
    }
    try (InputStream in = open(library)) {
      CheckedInputStream checked = new CheckedInputStream(in, new CRC32());
      long size = checked.transferTo(OutputStream.nullOutputStream());
      return new Fingerprint(size, checked.getChecksum().getValue());
    }
  }

  static String cacheKey(List<BundledLibrary> bundled, List<Fingerprint> fingerprints) {
    StringBuilder key = new StringBuilder(CACHE_LAYOUT);
    for (int i = 0; i < bundled.size(); i++) {
      key.append('|').append(bundled.get(i).resource()).append('|').append(fingerprints.get(i).size())
          .append('|').append(Long.toHexString(fingerprints.get(i).crc32()));
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
