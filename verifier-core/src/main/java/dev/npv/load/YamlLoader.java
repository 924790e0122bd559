package dev.npv.load;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostics;
import dev.npv.diag.SourceLocation;
import dev.npv.load.YNode.ScalarType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * The only class that touches SnakeYAML. Composes (never constructs) documents, so no Java object is
 * ever instantiated from input, and converts them into located {@link YNode} trees. Problems become
 * diagnostics: malformed YAML, duplicate keys, non-scalar keys, explicit tags, and limit breaches.
 */
public final class YamlLoader {
  private final YamlLimits limits;

  public YamlLoader(YamlLimits limits) {
    this.limits = limits;
  }

  /** Parses every document of {@code text}; errors go to {@code diags}, bad documents are skipped. */
  public List<YNode> load(String file, String text, Diagnostics diags) {
    ImmutableList.Builder<YNode> out = ImmutableList.builder();
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxNestingDepth());
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
    options.setProcessComments(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    int count = 0;
    try (StringReader reader = new StringReader(text)) {
      for (Node node : yaml.composeAll(reader)) {
        if (node == null) {
          continue;
        }
        if (++count > limits.maxDocuments()) {
          diags.error(Codes.LIMIT_DOCUMENTS, at(file, node.getStartMark()),
              "more than " + limits.maxDocuments() + " YAML documents in one file (raise with --max-documents)");
          break;
        }
        Converter c = new Converter(file, diags);
        YNode converted = c.convert(node, 0);
        if (converted != null && !c.failed) {
          out.add(converted);
        }
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      diags.error(codeFor(e), m == null ? SourceLocation.ofFile(file) : at(file, m),
          describe(e));
    } catch (ReaderException e) {
      diags.error(Codes.YAML_SYNTAX, atCodePoint(file, text, e.getPosition()), String.format(
          "character U+%04X is not allowed in YAML (control characters other than tab and line breaks)",
          e.getCodePoint()));
    } catch (YAMLException e) {
      String code = codeFor(e);
      diags.error(code, limitLocation(code, file, text), describeUnmarked(code, e));
    } catch (RuntimeException e) {
      // SnakeYAML itself sometimes fails with a plain exception on broken input (e.g. a NumberFormatException
      // for a truncated "\x" escape): that is malformed YAML. Our own code failing is a bug: rethrow it.
      if (!fromSnakeYaml(e)) {
        throw e;
      }
      diags.error(Codes.YAML_SYNTAX, SourceLocation.ofFile(file), "malformed YAML (the parser gave up: "
          + oneLine(e.toString()) + ")");
    } catch (StackOverflowError e) {
      diags.error(Codes.LIMIT_NESTING, SourceLocation.ofFile(file),
          "YAML nested too deeply (limit " + limits.maxNestingDepth() + ", raise with --max-depth)");
    }
    return out.build();
  }

  private static boolean fromSnakeYaml(RuntimeException e) {
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().startsWith("org.yaml.snakeyaml.")) {
        return true;
      }
      if (f.getClassName().startsWith("dev.npv.")) {
        return false;
      }
    }
    return false;
  }

  private String codeFor(YAMLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("Number of aliases")) {
      return Codes.LIMIT_ALIASES;
    }
    if (msg.contains("Nesting Depth")) {
      return Codes.LIMIT_NESTING;
    }
    if (msg.contains("code points") || msg.contains("exceeds the limit")) {
      return Codes.LIMIT_SIZE;
    }
    if (msg.contains("found duplicate key")) {
      return Codes.YAML_DUPLICATE_KEY;
    }
    return Codes.YAML_SYNTAX;
  }

  /** The composer's limit errors carry no mark: find the offending alias or collection ourselves. */
  private SourceLocation limitLocation(String code, String file, String text) {
    Optional<Mark> m = switch (code) {
      case Codes.LIMIT_ALIASES -> LimitLocator.firstAliasBeyond(text, limits.maxAliases());
      case Codes.LIMIT_NESTING -> LimitLocator.firstCollectionDeeperThan(text, limits.maxNestingDepth());
      default -> Optional.empty();
    };
    return m.map(mark -> at(file, mark)).orElse(SourceLocation.ofFile(file));
  }

  private String describeUnmarked(String code, YAMLException e) {
    return switch (code) {
      case Codes.LIMIT_ALIASES -> "more than " + limits.maxAliases() + " YAML aliases to collections in one"
          + " document (raise with --max-aliases): alias bombs are refused";
      case Codes.LIMIT_NESTING -> "YAML nested deeper than " + limits.maxNestingDepth()
          + " levels (raise with --max-depth)";
      case Codes.LIMIT_SIZE -> "input is larger than the limit of " + limits.maxFileBytes()
          + " bytes (raise with --max-file-size)";
      default -> oneLine(e.getMessage());
    };
  }

  private String describe(MarkedYAMLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("Number of aliases")) {
      return "too many YAML aliases (limit " + limits.maxAliases() + ", raise with --max-aliases): "
          + "alias bombs are refused";
    }
    if (msg.contains("Nesting Depth")) {
      return "YAML nested too deeply (limit " + limits.maxNestingDepth() + ", raise with --max-depth)";
    }
    String problem = e.getProblem() != null ? e.getProblem() : msg;
    String context = e.getContext() != null ? e.getContext() + ": " : "";
    if (problem.contains("\\t") || problem.contains("TAB")) {
      problem = problem + " (YAML forbids tabs for indentation)";
    }
    return "malformed YAML: " + oneLine(context + problem);
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  /** The line and column of the {@code index}-th code point of {@code text}. */
  private static SourceLocation atCodePoint(String file, String text, int index) {
    int line = 1;
    int column = 1;
    int i = 0;
    for (int cp = 0; cp < index && i < text.length(); cp++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourceLocation(file, line, column);
  }

  static SourceLocation at(String file, Mark mark) {
    return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Converts one composed document, counting alias expansions against the alias limit. */
  private final class Converter {
    private final String file;
    private final Diagnostics diags;
    private final Map<Node, Boolean> seen = new IdentityHashMap<>();
    private long nodes;
    boolean failed;

    Converter(String file, Diagnostics diags) {
      this.file = file;
      this.diags = diags;
    }

    YNode convert(Node node, int depth) {
      if (failed) {
        return null;
      }
      if (depth > limits.maxNestingDepth()) {
        fail(Codes.LIMIT_NESTING, node, "YAML nested deeper than " + limits.maxNestingDepth()
            + " levels (raise with --max-depth)");
        return null;
      }
      // Shared (aliased) nodes are expanded; cap the total so an alias bomb cannot explode.
      if (++nodes > 10_000_000L || (seen.put(node, Boolean.TRUE) != null && nodes > 1_000_000L)) {
        fail(Codes.LIMIT_ALIASES, node, "YAML expands to too many nodes (alias bomb?)");
        return null;
      }
      SourceLocation loc = at(file, node.getStartMark());
      if (node instanceof ScalarNode s) {
        return new YNode.YScalar(s.getValue(), scalarType(s), loc);
      }
      if (node instanceof SequenceNode seq) {
        ImmutableList.Builder<YNode> items = ImmutableList.builder();
        for (Node item : seq.getValue()) {
          YNode c = convert(item, depth + 1);
          if (c == null) {
            return null;
          }
          items.add(c);
        }
        return new YNode.YSeq(items.build(), loc);
      }
      if (node instanceof MappingNode map) {
        Map<String, YNode.Entry> entries = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (NodeTuple t : map.getValue()) {
          if (!(t.getKeyNode() instanceof ScalarNode key)) {
            fail(Codes.YAML_KEY, t.getKeyNode(), "mapping keys must be plain strings");
            return null;
          }
          if (key.getTag().equals(Tag.MERGE)) {
            if (!merge(t.getValueNode(), depth, entries)) {
              return null;
            }
            continue;
          }
          if (!keys.add(key.getValue())) {
            diags.error(Codes.YAML_DUPLICATE_KEY, at(file, key.getStartMark()),
                "duplicate key '" + key.getValue() + "' (the API server rejects it)");
            failed = true;
            return null;
          }
          YNode value = convert(t.getValueNode(), depth + 1);
          if (value == null) {
            return null;
          }
          entries.put(key.getValue(), new YNode.Entry(key.getValue(), at(file, key.getStartMark()), value));
        }
        return new YNode.YMap(ImmutableList.copyOf(entries.values()), loc);
      }
      fail(Codes.YAML_SYNTAX, node, "unsupported YAML node");
      return null;
    }

    /**
     * A merge key ({@code <<: *base} or {@code <<: [*a, *b]}), as kubectl's YAML reader (go-yaml v2)
     * applies it before the API server sees the object: the merged mappings' entries are set where the
     * key stands, so keys written after it win, and of a list the earlier mappings win.
     */
    private boolean merge(Node value, int depth, Map<String, YNode.Entry> entries) {
      List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
      for (int i = sources.size() - 1; i >= 0; i--) {
        Node source = sources.get(i);
        if (!(source instanceof MappingNode)) {
          fail(Codes.YAML_MERGE, source, "a merge key (<<) takes a mapping or a list of mappings (write <<: *anchor"
              + " or <<: [*a, *b], the anchors naming mappings)");
          return false;
        }
        YNode merged = convert(source, depth + 1);
        if (merged == null) {
          return false;
        }
        ((YNode.YMap) merged).entries().forEach(e -> entries.put(e.key(), e));
      }
      return true;
    }

    private void fail(String code, Node node, String message) {
      diags.error(code, at(file, node.getStartMark()), message);
      failed = true;
    }

    private ScalarType scalarType(ScalarNode s) {
      Tag tag = s.getTag();
      if (tag.equals(Tag.STR)) {
        return ScalarType.STRING;
      }
      if (tag.equals(Tag.INT)) {
        return ScalarType.INT;
      }
      if (tag.equals(Tag.FLOAT)) {
        return ScalarType.FLOAT;
      }
      if (tag.equals(Tag.BOOL)) {
        return ScalarType.BOOL;
      }
      if (tag.equals(Tag.NULL)) {
        return ScalarType.NULL;
      }
      return ScalarType.OTHER;
    }
  }

  /** Reads a whole file's text, for callers that want the file-size limit applied first. */
  public static String readLimited(Path path, YamlLimits limits) throws IOException {
    long size = Files.size(path);
    if (size > limits.maxFileBytes()) {
      throw new IOException("file is " + size + " bytes, over the limit of " + limits.maxFileBytes()
          + " (raise with --max-file-size)");
    }
    return Files.readString(path);
  }
}
