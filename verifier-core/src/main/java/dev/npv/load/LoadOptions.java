package dev.npv.load;

import java.io.InputStream;
import java.util.function.Supplier;

/**
 * How to load: the input limits, and where {@code -} reads from (a supplier, so that tests can
 * inject a stream and the default does not touch {@code System.in} unless {@code -} is given).
 */
public record LoadOptions(YamlLimits limits, Supplier<InputStream> stdin) {
  public static LoadOptions defaults() {
    return new LoadOptions(YamlLimits.DEFAULT, () -> System.in);
  }

  public LoadOptions withStdin(InputStream in) {
    return new LoadOptions(limits, () -> in);
  }

  public LoadOptions withLimits(YamlLimits newLimits) {
    return new LoadOptions(newLimits, stdin);
  }
}
