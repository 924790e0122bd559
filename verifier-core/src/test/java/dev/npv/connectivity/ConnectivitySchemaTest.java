package dev.npv.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.npv.eval.EvaluatorOptions;
import dev.npv.model.Protocol;
import dev.npv.model.WorkloadKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps specs/schema/connectivity.schema.json and the JSON renderer in step (no schema validator
 * on the classpath: the constraints the schema states are checked one by one).
 */
class ConnectivitySchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path SCHEMA = Path.of("..", "specs", "schema", "connectivity.schema.json");

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void rendererOutputSatisfiesTheSchema() throws IOException {
    JsonNode schema = MAPPER.readTree(SCHEMA.toFile());
    JsonNode connection = schema.at("/$defs/connection");
    Set<String> kinds = strings(schema.at("/$defs/kind/enum"));
    Pattern ports = Pattern.compile(connection.at("/properties/ports/pattern").asText());
    Set<String> protocols = strings(connection.at("/properties/protocol/enum"));
    for (Optional<String> focus : List.of(Optional.<String>empty(), Optional.of("myapp/frontend"))) {
      JsonNode doc = MAPPER.readTree(ConnectivityFormat.JSON.renderer()
          .render(new ConnectivityAnalyzer(SampleCluster.build(), EvaluatorOptions.DEFAULT).analyze(focus)));
      assertEquals(schema.at("/properties/schemaVersion/const").asText(), doc.get("schemaVersion").asText());
      Set<String> top = new TreeSet<>();
      doc.fieldNames().forEachRemaining(top::add);
      Set<String> allowedTop = new TreeSet<>();
      schema.get("properties").fieldNames().forEachRemaining(allowedTop::add);
      assertTrue(allowedTop.containsAll(top), top.toString());
      assertTrue(top.containsAll(strings(schema.get("required"))));
      assertTrue(doc.get("connections").size() > 0);
      for (JsonNode c : doc.get("connections")) {
        Set<String> fields = new TreeSet<>();
        c.fieldNames().forEachRemaining(fields::add);
        assertEquals(strings(connection.get("required")), fields);
        assertTrue(kinds.contains(c.get("srcKind").asText()) && kinds.contains(c.get("dstKind").asText()), c.toString());
        assertTrue(protocols.contains(c.get("protocol").asText()), c.toString());
        assertTrue(ports.matcher(c.get("ports").asText()).matches(), c.toString());
      }
    }
  }

  @Test
  void schemaEnumsCoverTheModel() throws IOException {
    JsonNode schema = MAPPER.readTree(SCHEMA.toFile());
    List<String> kinds = new ArrayList<>();
    for (WorkloadKind k : WorkloadKind.values()) {
      kinds.add(k.name());
    }
    kinds.add(ConnectivityNode.EXTERNAL);
    assertEquals(new TreeSet<>(kinds), strings(schema.at("/$defs/kind/enum")));
    assertEquals(new TreeSet<>(List.of(Protocol.TCP.name(), Protocol.UDP.name(), Protocol.SCTP.name())),
        strings(schema.at("/$defs/connection/properties/protocol/enum")));
    assertEquals(ConnectivityReport.SCHEMA_VERSION, schema.at("/properties/schemaVersion/const").asText());
  }
}
