package dev.npv.connectivity;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The output formats of {@code npv connectivity}. */
public enum ConnectivityFormat {
  TEXT(TextRenderer::new), JSON(JsonRenderer::new), CSV(CsvRenderer::new), MD(MarkdownRenderer::new),
  DOT(DotRenderer::new);

  private final Supplier<ConnectivityRenderer> renderer;

  ConnectivityFormat(Supplier<ConnectivityRenderer> renderer) {
    this.renderer = renderer;
  }

  public ConnectivityRenderer renderer() {
    return renderer.get();
  }

  /** Case-insensitive: {@code text}, {@code json}, {@code csv}, {@code md}, {@code dot}. */
  public static Optional<ConnectivityFormat> parse(String text) {
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
