package dev.npv.load;

/** One input's text and the name diagnostics use for it (the path as given, or {@code <stdin>}). */
public record SourceText(String name, String text) {
}
