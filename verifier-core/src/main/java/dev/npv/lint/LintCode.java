package dev.npv.lint;

import dev.npv.diag.Severity;
import java.util.Optional;

/**
 * Every lint finding's stable code, its severity and a one-line summary: the one list from which the
 * SARIF rules are written and against which {@code specs/explain-and-lint.md} is checked by a test.
 * Tests, suppressions and SARIF rule ids rely on the codes; never rename one.
 */
public enum LintCode {
  REDUNDANT_RULE("NPV-L-REDUNDANT-RULE", Severity.WARNING,
      "A rule admits nothing that other rules of policies selecting the same pods do not already admit."),
  REDUNDANT_POLICY("NPV-L-REDUNDANT-POLICY", Severity.WARNING,
      "A policy changes nothing: other policies isolate the same pods and admit everything it admits."),
  POLICY_SELECTS_NOTHING("NPV-L-POLICY-SELECTS-NOTHING", Severity.WARNING,
      "A policy's podSelector matches no pod of the manifests."),
  PEER_MATCHES_NOTHING("NPV-L-PEER-MATCHES-NOTHING", Severity.WARNING,
      "A rule's peer matches no namespace or no pod of the manifests."),
  NAMED_PORT_UNDEFINED("NPV-L-NAMED-PORT-UNDEFINED", Severity.WARNING,
      "A named port that no destination pod defines for the protocol."),
  EXCEPT_COVERS_CIDR("NPV-L-EXCEPT-COVERS-CIDR", Severity.ERROR,
      "An ipBlock whose except entries remove all of its cidr: the peer matches nothing."),
  NO_DEFAULT_DENY("NPV-L-NO-DEFAULT-DENY", Severity.WARNING,
      "A namespace with workloads that some direction leaves not isolated."),
  EGRESS_BLOCKS_DNS("NPV-L-EGRESS-BLOCKS-DNS", Severity.WARNING,
      "Egress isolation leaves no rule admitting DNS (UDP 53) to kube-system."),
  VACUOUS_INVARIANT("NPV-L-VACUOUS-INVARIANT", Severity.WARNING,
      "An invariant whose from or to matches no endpoint: it proves nothing."),
  CONTRADICTORY_INVARIANTS("NPV-L-CONTRADICTORY-INVARIANTS", Severity.ERROR,
      "Two invariants that cannot both hold, whatever the policies."),
  UNDECIDED("NPV-L-UNDECIDED", Severity.NOTE,
      "The solver could not decide a lint question in time.");

  private final String id;
  private final Severity severity;
  private final String summary;

  LintCode(String id, Severity severity, String summary) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
  }

  /** The stable code, e.g. {@code NPV-L-REDUNDANT-RULE}: the SARIF rule id. */
  public String id() {
    return id;
  }

  /** The severity every finding of this code has. */
  public Severity severity() {
    return severity;
  }

  /** One line for help texts and SARIF rule descriptions. */
  public String summary() {
    return summary;
  }

  public static Optional<LintCode> byId(String id) {
    for (LintCode c : values()) {
      if (c.id.equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
