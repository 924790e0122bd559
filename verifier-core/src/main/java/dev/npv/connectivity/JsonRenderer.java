package dev.npv.connectivity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The {@code npv.dev/connectivity/v1} document of specs/connectivity.md, pretty-printed with LF. */
final class JsonRenderer implements ConnectivityRenderer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String render(ConnectivityReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", ConnectivityReport.SCHEMA_VERSION);
    report.focus().ifPresent(f -> root.put("focus", f));
    ArrayNode connections = root.putArray("connections");
    for (ConnectionRow r : ConnectionRow.of(report)) {
      ObjectNode o = connections.addObject();
      for (int i = 0; i < ConnectionRow.COLUMNS.size(); i++) {
        o.put(ConnectionRow.COLUMNS.get(i), r.values().get(i));
      }
    }
    // Fixed LF indentation, whatever the platform, so that output is byte-for-byte stable.
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)).withObjectIndenter(lf).withArrayIndenter(lf);
    try {
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
