package dev.npv.cli;

import dev.npv.load.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code git:REV:path} inputs: the manifests under {@code path} at revision {@code REV} of the
 * repository (the current directory unless told otherwise), without checking it out. Diagnostics name them as
 * {@code git:REV:file}.
 */
final class GitInput {
  private GitInput() {
  }

  static boolean isGit(String input) {
    return input.startsWith("git:");
  }

  /** The manifests at {@code git:REV:path}; throws with a one-line reason when git cannot provide them. */
  static List<SourceText> read(String input, Path repository) throws IOException {
    String rest = input.substring("git:".length());
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      throw new IOException("'" + input + "' is not of the form git:REV:path");
    }
    String rev = rest.substring(0, colon);
    String path = rest.substring(colon + 1);
    List<String> files = lines(run(repository, "git", "ls-tree", "-r", "--name-only", rev, "--", path.isEmpty() ? "." : path));
    List<SourceText> out = new ArrayList<>();
    for (String f : files) {
      String lower = f.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
        out.add(new SourceText("git:" + rev + ":" + f, run(repository, "git", "show", rev + ":" + f)));
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no .yaml, .yml or .json files at " + input);
    }
    return out;
  }

  private static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank()).sorted().toList();
  }

  private static String run(Path dir, String... command) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + err.lines().findFirst().orElse("exit "
            + p.exitValue()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git", e);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
