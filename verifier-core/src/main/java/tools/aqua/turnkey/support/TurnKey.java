package tools.aqua.turnkey.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * npv's replacement for z3-turnkey's native-library loader (same class name and entry point, so Z3's
 * {@code Native} calls it; the original is left out of the npv jar). The original unpacks the 35 MB
 * library into a fresh temporary directory on every start; this one unpacks it once per npv jar into
 * a cache directory and loads it from there on later starts. Several npv processes may start at once:
 * each unpacks into its own temporary file and moves it into place atomically, so none ever loads a
 * half-written library. Cache: {@code $NPV_CACHE_DIR}, else {@code $XDG_CACHE_HOME/npv}, else
 * {@code ~/.cache/npv}; if it cannot be written, a temporary directory is used as before.
 */
public final class TurnKey {
  public static final String TURNKEY_FILE_NAME = "turnkey.xml";

  private TurnKey() {
    throw new AssertionError();
  }

  /** Unpacks (once) and loads the native libraries bundled under {@code prefix}. */
  public static void load(String prefix, Function<String, InputStream> resources) {
    PlatformPrefix platform = new PlatformPrefix(prefix, OperatingSystem.identify(), CPUArchitecture.identify());
    TurnKeyMetadata metadata = metadata(platform.resolve(TURNKEY_FILE_NAME), resources);
    Path dir = libraryDirectory(prefix);
    try {
      for (String library : metadata.bundledLibraries) {
        install(platform.resolve(library), dir.resolve(library), resources);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack Z3's native library into " + dir + ": " + e.getMessage(), e);
    }
    for (String library : metadata.loadCommands) {
      System.load(dir.resolve(library).toAbsolutePath().toString());
    }
  }

  private static TurnKeyMetadata metadata(String path, Function<String, InputStream> resources) {
    try (InputStream in = resources.apply(path)) {
      if (in == null) {
        throw new UnsupportedPlatformException("No file found at " + path);
      }
      return TurnKeyMetadata.loadFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes the library only if it is not there yet, atomically, so concurrent starts never clash. */
  private static void install(String resource, Path target, Function<String, InputStream> resources)
      throws IOException {
    if (Files.isRegularFile(target)) {
      return;
    }
    Files.createDirectories(target.getParent());
    Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try (InputStream in = resources.apply(resource)) {
      if (in == null) {
        throw new IOException("missing " + resource + " in the npv jar (packaging error)");
      }
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /**
   * A directory named after the jar Z3 was loaded from (path, size, modification time), so a rebuilt
   * or upgraded npv never loads a stale library; a fresh temporary directory when there is no jar.
   */
  private static Path libraryDirectory(String prefix) {
    try {
      Path jar = Path.of(TurnKey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar)) {
        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
        String key = sha256(jar.toAbsolutePath() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "|" + prefix);
        Path dir = cacheRoot().resolve("native").resolve(key.substring(0, 16));
        Files.createDirectories(dir);
        if (Files.isWritable(dir)) {
          return dir;
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // no usable cache: fall back to a private temporary directory, as z3-turnkey itself does
    }
    try {
      Path tmp = Files.createTempDirectory("npv-z3");
      tmp.toFile().deleteOnExit();
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for Z3's native library: " + e.getMessage(), e);
    }
  }

  private static Path cacheRoot() {
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

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
