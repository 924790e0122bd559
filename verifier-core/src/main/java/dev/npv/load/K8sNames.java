package dev.npv.load;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes name and label syntax (k8s.io/apimachinery/pkg/util/validation). Each check returns the
 * reason a text is invalid, or empty when it is valid, so callers can put the reason in a diagnostic.
 */
public final class K8sNames {
  private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private K8sNames() {
  }

  /** A label key: an optional DNS-1123 subdomain prefix (at most 253) and '/', then a name of at most 63. */
  public static Optional<String> labelKeyProblem(String key) {
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        return Optional.of("the prefix before '/' must not be empty");
      }
      Optional<String> p = subdomainProblem(prefix);
      if (p.isPresent()) {
        return Optional.of("prefix '" + prefix + "': " + p.get());
      }
    }
    if (name.isEmpty()) {
      return Optional.of("the name part must not be empty");
    }
    if (name.length() > 63) {
      return Optional.of("the name part must be at most 63 characters");
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      return Optional.of("the name part must consist of alphanumerics, '-', '_' or '.', and start and end"
          + " with an alphanumeric");
    }
    return Optional.empty();
  }

  /** A label value: empty, or at most 63 characters of the qualified-name charset. */
  public static Optional<String> labelValueProblem(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > 63) {
      return Optional.of("must be at most 63 characters");
    }
    if (!QUALIFIED_NAME.matcher(value).matches()) {
      return Optional.of("must be empty or consist of alphanumerics, '-', '_' or '.', and start and end"
          + " with an alphanumeric");
    }
    return Optional.empty();
  }

  /** A DNS-1123 label (namespace names): at most 63 lowercase alphanumerics or '-'. */
  public static Optional<String> dnsLabelProblem(String name) {
    if (name.isEmpty() || name.length() > 63) {
      return Optional.of("must be 1 to 63 characters");
    }
    if (!DNS1123_LABEL.matcher(name).matches()) {
      return Optional.of("must be a DNS-1123 label: lowercase alphanumerics or '-', starting and ending"
          + " with an alphanumeric");
    }
    return Optional.empty();
  }

  /** A DNS-1123 subdomain (most object names): at most 253, dot-separated DNS labels. */
  public static Optional<String> subdomainProblem(String name) {
    if (name.isEmpty() || name.length() > 253) {
      return Optional.of("must be 1 to 253 characters");
    }
    if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
      return Optional.of("must be a DNS-1123 subdomain: lowercase alphanumerics, '-' or '.', starting and"
          + " ending with an alphanumeric");
    }
    return Optional.empty();
  }

  /** An IANA_SVC_NAME (named ports): at most 15, lowercase alphanumerics and '-', at least one letter. */
  public static Optional<String> portNameProblem(String name) {
    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
      return Optional.of("a numeric port must be written as an integer, not a string (remove the quotes)");
    }
    if (name.isEmpty() || name.length() > 15) {
      return Optional.of("a port name must be 1 to 15 characters");
    }
    if (!IANA_SVC_NAME.matcher(name).matches()) {
      return Optional.of("a port name must consist of lowercase alphanumerics and '-', starting and ending"
          + " with an alphanumeric");
    }
    if (name.contains("--")) {
      return Optional.of("a port name must not contain '--'");
    }
    if (name.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      return Optional.of("a port name must contain at least one letter");
    }
    return Optional.empty();
  }
}
