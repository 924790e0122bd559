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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the command-line inputs (files, directories searched recursively for .yaml/.yml/.json in
 * sorted order, or {@code -} for stdin) into named texts, each file once however often it is named.
 * Enforces the size limit and strict UTF-8; refuses folders that hold a kustomization or a Helm chart
 * (which need rendering first). Every problem is a diagnostic, never an exception.
 */
public final class InputCollector {
  public static final String STDIN_NAME = "<stdin>";

  /** The files that make a folder a kustomization ({@code kubectl kustomize} looks for these three). */
  private static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml",
      "Kustomization");
  private static final String HELM_CHART_FILE = "Chart.yaml";

  private final LoadOptions options;
  private final Diagnostics diags;
  /** The files read so far (real paths): a file named twice, or inside a folder also named, is read once. */
  private final Set<Path> read = new HashSet<>();

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
      } else if (Files.isRegularFile(path) && isUnrenderedMarker(path)) {
        unrendered(path); // named directly, it stands for its folder
      } else if (Files.isRegularFile(path)) {
        readOnce(input, path).ifPresent(out::add);
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
    List<Path> unrendered;
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.filter(Files::isRegularFile).sorted().toList();
      unrendered = all.stream().filter(InputCollector::isUnrenderedMarker).toList();
      files = all.stream().filter(InputCollector::isManifestFile)
          .filter(f -> unrendered.stream().noneMatch(marker -> f.startsWith(marker.getParent()))).toList();
    } catch (IOException | RuntimeException e) {
      diags.error(Codes.INPUT_READ, SourceLocation.ofFile(name), "cannot list directory: " + e.getMessage());
      return;
    }
    // A chart's templates or a kustomization's patches are not manifests yet: reading them raw gives
    // wrong objects (or template syntax errors), so say how to render them instead. The outermost only.
    unrendered.stream().filter(m -> unrendered.stream().noneMatch(o -> o != m
            && m.getParent().startsWith(o.getParent()) && !m.getParent().equals(o.getParent())))
        .forEach(this::unrendered);
    if (files.isEmpty() && unrendered.isEmpty()) {
      diags.error(Codes.INPUT_EMPTY_DIR, SourceLocation.ofFile(name),
          "directory contains no .yaml, .yml or .json files");
      return;
    }
    for (Path f : files) {
      readOnce(f.toString(), f).ifPresent(out::add);
    }
  }

  private static boolean isUnrenderedMarker(Path p) {
    String n = p.getFileName().toString();
    return KUSTOMIZATION_FILES.contains(n) || n.equals(HELM_CHART_FILE);
  }

  /** One located error per kustomization or chart folder, with the command that renders it. */
  private void unrendered(Path marker) {
    Path folder = marker.getParent() != null ? marker.getParent() : Paths.get(".");
    String dir = shellWord(folder.toString());
    String marked = marker.getFileName().toString();
    if (marked.equals(HELM_CHART_FILE)) {
      String release = chartName(marker).orElse("RELEASE");
      diags.error(Codes.INPUT_UNRENDERED, new SourceLocation(marker.toString(), 1, 1), folder + " is a Helm chart ("
          + marked + "); npv reads rendered manifests, not templates: render it and pipe it in, e.g. helm template "
          + shellWord(release) + " " + dir + " | npv … - (add your -f values files and --namespace)");
    } else {
      diags.error(Codes.INPUT_UNRENDERED, new SourceLocation(marker.toString(), 1, 1), folder + " is a kustomization ("
          + marked + "); npv reads rendered manifests, not kustomize inputs: render it and pipe it in: kubectl"
          + " kustomize " + dir + " | npv … -");
    }
  }

  /** The chart's {@code name:} (a plain top-level line of Chart.yaml), as the example release name. */
  private static Optional<String> chartName(Path chart) {
    try (Stream<String> lines = Files.lines(chart, StandardCharsets.UTF_8)) {
      return lines.map(l -> l.matches("name:\\s*['\"]?[A-Za-z0-9][-A-Za-z0-9_.]*['\"]?\\s*")
              ? l.substring(5).trim().replaceAll("['\"]", "") : null)
          .filter(Objects::nonNull).findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The path as one shell word: quoted when it holds anything but the usual path characters. */
  private static String shellWord(String s) {
    return s.matches("[-A-Za-z0-9_./=:@+]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  /** Reads {@code path} unless it was read before under any name (the same real file). */
  private Optional<SourceText> readOnce(String name, Path path) {
    Path key;
    try {
      key = path.toRealPath();
    } catch (IOException | RuntimeException e) {
      key = path.toAbsolutePath().normalize();
    }
    if (!read.add(key)) {
      diags.note(Codes.INPUT_REPEATED, SourceLocation.ofFile(name), "named more than once (as a file or inside a"
          + " folder also named); read once");
      return Optional.empty();
    }
    return readFile(name, path);
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
