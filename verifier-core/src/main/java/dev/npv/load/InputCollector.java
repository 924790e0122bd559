package dev.npv.load;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns the command-line inputs (files, directories searched recursively for .yaml/.yml/.json in
 * sorted order, or {@code -} for stdin) into named texts. Enforces the size limit and strict UTF-8;
 * every problem is a diagnostic, never an exception.
 */
public final class InputCollector {
  public static final String STDIN_NAME = "<stdin>";

  private final LoadOptions options;
  private final Diagnostics diags;

  public InputCollector(LoadOptions options, Diagnostics diags) {
    this.options = options;
    this.diags = diags;
  }

  public ImmutableList<SourceText> collect(List<String> inputs) {
    ImmutableList.Builder<SourceText> out = ImmutableList.builder();
    for (String input : inputs) {
      if (input.equals("-")) {
        readStdin().ifPresent(out::add);
        continue;
      }
      Path path;
      try {
        path = Paths.get(input);
      } catch (RuntimeException e) {
        diags.error(Codes.INPUT_MISSING, SourceLocation.ofFile(input), "invalid path '" + input + "'");
        continue;
      }
      if (Files.isDirectory(path)) {
        collectDirectory(input, path, out);
      } else if (Files.isRegularFile(path)) {
        readFile(input, path).ifPresent(out::add);
      } else if (Files.exists(path)) {
        diags.error(Codes.INPUT_READ, SourceLocation.ofFile(input), "not a regular file or directory");
      } else {
        diags.error(Codes.INPUT_MISSING, SourceLocation.ofFile(input), "no such file or directory");
      }
    }
    return out.build();
  }

  private void collectDirectory(String name, Path dir, ImmutableList.Builder<SourceText> out) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).filter(InputCollector::isManifestFile)
          .sorted().toList();
    } catch (IOException | RuntimeException e) {
      diags.error(Codes.INPUT_READ, SourceLocation.ofFile(name), "cannot list directory: " + e.getMessage());
      return;
    }
    if (files.isEmpty()) {
      diags.error(Codes.INPUT_EMPTY_DIR, SourceLocation.ofFile(name),
          "directory contains no .yaml, .yml or .json files");
      return;
    }
    for (Path f : files) {
      readFile(f.toString(), f).ifPresent(out::add);
    }
  }

  private static boolean isManifestFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private Optional<SourceText> readFile(String name, Path path) {
    try {
      // The size is checked before anything is read, and the read is bounded too (the file may grow).
      long max = maxBytes();
      if (Files.size(path) > max) {
        tooLarge(name);
        return Optional.empty();
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes((int) max + 1);
      }
      if (bytes.length > max) {
        tooLarge(name);
        return Optional.empty();
      }
      return decode(name, bytes);
    } catch (IOException | RuntimeException e) {
      diags.error(Codes.INPUT_READ, SourceLocation.ofFile(name), "cannot read: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<SourceText> readStdin() {
    try {
      InputStream in = options.stdin().get();
      long max = maxBytes();
      byte[] bytes = in.readNBytes((int) max + 1);
      if (bytes.length > max) {
        tooLarge(STDIN_NAME);
        return Optional.empty();
      }
      return decode(STDIN_NAME, bytes);
    } catch (IOException | RuntimeException e) {
      diags.error(Codes.INPUT_READ, SourceLocation.ofFile(STDIN_NAME), "cannot read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The size limit, capped where a Java array (and string) ends: a larger input is never read partly. */
  private long maxBytes() {
    return Math.min(options.limits().maxFileBytes(), Integer.MAX_VALUE - 9L);
  }

  private void tooLarge(String name) {
    diags.error(Codes.LIMIT_SIZE, SourceLocation.ofFile(name), "input is larger than the limit of "
        + options.limits().maxFileBytes() + " bytes (raise with --max-file-size)");
  }

  /** Strict UTF-8 (a leading BOM is dropped); a NUL byte marks a binary file. */
  Optional<SourceText> decode(String name, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        diags.error(Codes.INPUT_BINARY, at(name, bytes, i), "binary file (contains NUL bytes), not a manifest");
        return Optional.empty();
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      diags.error(Codes.INPUT_NOT_UTF8, at(name, bytes, in.position()), "not valid UTF-8 (byte 0x"
          + String.format("%02x", bytes[in.position()] & 0xff) + " at offset " + in.position() + ")");
      return Optional.empty();
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return Optional.of(new SourceText(name, text));
  }

  private static SourceLocation at(String name, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new SourceLocation(name, line, offset - lineStart + 1);
  }
}
