package dev.npv.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.npv.diag.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code specs/explain-and-lint.md} documents exactly the codes of {@link LintCode}, with their severities. */
class LintCodeDocsTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(NPV-L-[A-Z-]+)` \\| (error|warning|note) \\|", Pattern.MULTILINE);

  @Test
  void theDocsTableListsEveryCodeWithItsSeverity_andNoOther() throws Exception {
    String doc = Files.readString(Path.of("../specs/explain-and-lint.md"));
    Map<String, Severity> documented = new LinkedHashMap<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      documented.put(m.group(1), Severity.valueOf(m.group(2).toUpperCase(Locale.ROOT)));
    }
    Map<String, Severity> codes = new LinkedHashMap<>();
    for (LintCode c : LintCode.values()) {
      codes.put(c.id(), c.severity());
    }
    assertEquals(new TreeMap<>(codes), new TreeMap<>(documented));
  }
}
