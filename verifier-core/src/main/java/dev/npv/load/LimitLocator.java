package dev.npv.load;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * SnakeYAML's composer enforces the alias and nesting limits without saying where. This re-reads the
 * text as parser events (no composition, so nothing expands) to find the first alias or collection
 * beyond the limit, so that the error can point at it.
 */
final class LimitLocator {
  private LimitLocator() {
  }

  /** Where the (limit+1)-th alias to a collection of one document is. */
  static Optional<Mark> firstAliasBeyond(String text, int limit) {
    return scan(text, limit, true);
  }

  /** Where the first collection nested deeper than {@code limit} starts. */
  static Optional<Mark> firstCollectionDeeperThan(String text, int limit) {
    return scan(text, limit, false);
  }

  private static Optional<Mark> scan(String text, int limit, boolean aliases) {
    Set<String> collectionAnchors = new HashSet<>();
    int count = 0;
    int depth = 0;
    try (StringReader reader = new StringReader(text)) {
      for (Event e : new Yaml(new LoaderOptions()).parse(reader)) {
        if (e instanceof DocumentStartEvent) {
          collectionAnchors.clear();
          count = 0;
          depth = 0;
        } else if (e instanceof CollectionStartEvent c) {
          if (c.getAnchor() != null) {
            collectionAnchors.add(c.getAnchor());
          }
          if (!aliases && ++depth > limit) {
            return Optional.ofNullable(e.getStartMark());
          }
        } else if (e instanceof CollectionEndEvent) {
          depth--;
        } else if (aliases && e instanceof AliasEvent a && collectionAnchors.contains(a.getAnchor())
            && ++count > limit) {
          return Optional.ofNullable(e.getStartMark());
        }
      }
    } catch (YAMLException | StackOverflowError e) {
      // the location is a courtesy: without it the error names the file only
    }
    return Optional.empty();
  }
}
