package dev.npv.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class K8sNamesTest {
  @ParameterizedTest
  @CsvSource({"app,true", "kubernetes.io/metadata.name,true", "a.b-c_d,true", "example.com/x,true",
      "-app,false", "app-,false", "/app,false", "Example.com/app,false", "a/b/c,false", "example.com/,false",
      "'',false", "a b,false"})
  void labelKeys(String key, boolean valid) {
    assertEquals(valid, K8sNames.labelKeyProblem(key).isEmpty(), key);
  }

  @ParameterizedTest
  @CsvSource({"'',true", "myApp,true", "v1.2_3-x,true", "-x,false", "x.,false", "has space,false"})
  void labelValues(String value, boolean valid) {
    assertEquals(valid, K8sNames.labelValueProblem(value).isEmpty(), value);
  }

  @ParameterizedTest
  @CsvSource({"http,true", "serve-80-tcp,true", "h2c,true", "abcdefghijklmno,true", "abcdefghijklmnop,false",
      "80,false", "a--b,false", "-http,false", "http-,false", "HTTP,false", "1-2,false", "'',false"})
  void portNames(String name, boolean valid) {
    assertEquals(valid, K8sNames.portNameProblem(name).isEmpty(), name);
  }

  @ParameterizedTest
  @CsvSource({"default,true", "kube-system,true", "a.b,false", "A,false", "x-,false"})
  void namespaceNames(String name, boolean valid) {
    assertEquals(valid, K8sNames.dnsLabelProblem(name).isEmpty(), name);
  }

  @ParameterizedTest
  @CsvSource({"web.v1,true", "web,true", "web..v1,false", "Web,false", "web_1,false"})
  void objectNames(String name, boolean valid) {
    assertEquals(valid, K8sNames.subdomainProblem(name).isEmpty(), name);
  }
}
