package dev.npv.load;

/**
 * Limits that protect the loader from hostile input (alias bombs, deep nesting, huge files). Each
 * can be raised on the command line; the error that enforces it names the option.
 */
public record YamlLimits(long maxFileBytes, int maxDocuments, int maxNestingDepth, int maxAliases) {
  public static final YamlLimits DEFAULT = new YamlLimits(64L * 1024 * 1024, 100_000, 64, 50);
}
