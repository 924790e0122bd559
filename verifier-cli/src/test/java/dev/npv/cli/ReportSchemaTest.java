package dev.npv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;

/**
 * The golden SARIF reports validate against the SARIF 2.1.0 JSON schema and the golden JUnit reports
 * against the common JUnit XSD (both shipped under test resources/schemas, see its README). The
 * golden tests make sure the CLI still writes exactly these files.
 */
class ReportSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonSchema sarifSchema() throws Exception {
    try (InputStream in = ReportSchemaTest.class.getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  static Schema junitSchema() throws Exception {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    return f.newSchema(ReportSchemaTest.class.getResource("/schemas/junit.xsd"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed", "shop", "seed-failing"})
  void sarif_isValidSarif210(String name) throws Exception {
    JsonNode sarif = JSON.readTree(Files.readString(CheckReportGoldenTest.GOLDEN.resolve(name + ".sarif")));
    Set<ValidationMessage> errors = sarifSchema().validate(sarif);
    assertEquals(Set.of(), errors, name + ".sarif");
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed", "shop", "seed-failing"})
  void junit_isValidAgainstTheJunitXsd(String name) throws Exception {
    Path file = CheckReportGoldenTest.GOLDEN.resolve(name + ".junit.xml");
    junitSchema().newValidator().validate(new StreamSource(file.toFile()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"seed-failing"})
  void validators_rejectBrokenReports(String name) throws Exception {
    // The checks have teeth: a wrong version, a level SARIF does not know, a line 0 all fail.
    ObjectNode sarif = (ObjectNode) JSON.readTree(Files.readString(CheckReportGoldenTest.GOLDEN.resolve(name + ".sarif")));
    sarif.put("version", "2.0.0");
    ObjectNode result = (ObjectNode) sarif.get("runs").get(0).get("results").get(0);
    result.put("level", "fatal");
    ((ObjectNode) result.get("locations").get(0).get("physicalLocation").get("region")).put("startLine", 0);
    assertEquals(3, sarifSchema().validate(sarif).size(), sarifSchema().validate(sarif).toString());
    String xml = Files.readString(CheckReportGoldenTest.GOLDEN.resolve(name + ".junit.xml"))
        .replaceFirst("time=\"0.000\"", "time=\"soon\"");
    assertThrows(SAXException.class, () -> junitSchema().newValidator().validate(new StreamSource(new StringReader(xml))));
    assertFalse(xml.isEmpty());
  }
}
