package dev.npv.explain;

/**
 * One test of an explanation: a peer or a port entry of a rule, or a policy's podSelector, against
 * the concrete endpoint. {@code subject} names what was tested ({@code peer namespaceSelector
 * project=myApp}), {@code why} says why it matched or not in the user's terms.
 */
public record Check(String subject, boolean matches, String why) {
  static Check yes(String subject, String why) {
    return new Check(subject, true, why);
  }

  static Check no(String subject, String why) {
    return new Check(subject, false, why);
  }
}
