package dev.npv.load;

import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Emits plain data (maps in insertion order, lists, strings, numbers, booleans) as block-style YAML.
 * Lives in {@code dev.npv.load} because SnakeYAML is confined to this package. Output is
 * deterministic for deterministic input: keys keep their insertion order and strings that would
 * read back as another type (e.g. {@code "true"}, {@code "53"}) are quoted by the emitter.
 */
public final class YamlWriter {
  private final Yaml yaml;

  public YamlWriter() {
    DumperOptions opts = new DumperOptions();
    opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    opts.setIndent(2);
    opts.setIndicatorIndent(0);
    opts.setWidth(200);
    opts.setSplitLines(false);
    opts.setExplicitStart(false);
    opts.setDereferenceAliases(true); // never emit anchors: the loader limits aliases
    opts.setLineBreak(DumperOptions.LineBreak.UNIX);
    Representer representer = new Representer(opts);
    this.yaml = new Yaml(representer, opts);
  }

  /** One document. */
  public String dump(Object document) {
    return yaml.dump(document);
  }

  /** Several documents separated by {@code ---}, with an optional leading comment line. */
  public String dumpAll(String comment, List<?> documents) {
    StringBuilder sb = new StringBuilder();
    if (comment != null && !comment.isEmpty()) {
      for (String line : comment.split("\n", -1)) {
        sb.append("# ").append(line).append('\n');
      }
    }
    boolean first = true;
    for (Object d : documents) {
      if (!first) {
        sb.append("---\n");
      }
      first = false;
      sb.append(yaml.dump(d));
    }
    return sb.toString();
  }
}
