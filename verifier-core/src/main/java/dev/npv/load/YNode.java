package dev.npv.load;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.SourceLocation;
import java.util.Optional;

/**
 * A YAML node with its source position, independent of SnakeYAML (which only {@link YamlLoader}
 * imports). Readers of manifests and specs walk these trees and report errors at node locations.
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {
  SourceLocation location();

  /** A short name of the node's type, for "expected a mapping, got a list" messages. */
  String typeName();

  /** A mapping; keys are kept in source order with their own locations. */
  record YMap(ImmutableList<Entry> entries, SourceLocation location) implements YNode {
    public Optional<YNode> get(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
    }

    public Optional<Entry> entry(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    @Override
    public String typeName() {
      return "a mapping";
    }
  }

  /** One key/value pair; keys are always scalars (non-scalar keys are rejected by the loader). */
  record Entry(String key, SourceLocation keyLocation, YNode value) {
  }

  record YSeq(ImmutableList<YNode> items, SourceLocation location) implements YNode {
    @Override
    public String typeName() {
      return "a list";
    }
  }

  /** The resolved YAML 1.1 type of a plain or quoted scalar. */
  enum ScalarType { STRING, INT, FLOAT, BOOL, NULL, OTHER }

  record YScalar(String text, ScalarType type, SourceLocation location) implements YNode {
    public boolean isNull() {
      return type == ScalarType.NULL;
    }

    @Override
    public String typeName() {
      return switch (type) {
        case STRING -> "a string";
        case INT -> "an integer";
        case FLOAT -> "a number";
        case BOOL -> "a boolean";
        case NULL -> "null";
        case OTHER -> "a scalar";
      };
    }
  }
}
