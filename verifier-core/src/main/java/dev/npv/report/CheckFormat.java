package dev.npv.report;

import java.util.Locale;

/** The report formats of {@code npv check}, each with its renderer and a usual file extension. */
public enum CheckFormat {
  TEXT("txt"), JSON("json"), JUNIT("xml"), SARIF("sarif"), MARKDOWN("md");

  private final String extension;

  CheckFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** The lower-case name used on the command line, e.g. {@code junit}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code color} only affects TEXT: ANSI colours are for terminals, never for files. */
  public CheckRenderer renderer(boolean color) {
    return switch (this) {
      case TEXT -> new CheckTextRenderer(color);
      case JSON -> new CheckJsonRenderer();
      case JUNIT -> new CheckJunitRenderer();
      case SARIF -> new CheckSarifRenderer();
      case MARKDOWN -> new CheckMarkdownRenderer();
    };
  }
}
