package dev.npv.lint;

/** The stable codes of lint findings; tests, suppressions and SARIF rule ids rely on them. */
public final class LintCodes {
  public static final String REDUNDANT_RULE = "NPV-L-REDUNDANT-RULE";
  public static final String REDUNDANT_POLICY = "NPV-L-REDUNDANT-POLICY";
  public static final String POLICY_SELECTS_NOTHING = "NPV-L-POLICY-SELECTS-NOTHING";
  public static final String PEER_MATCHES_NOTHING = "NPV-L-PEER-MATCHES-NOTHING";
  public static final String NAMED_PORT_UNDEFINED = "NPV-L-NAMED-PORT-UNDEFINED";
  public static final String EXCEPT_COVERS_CIDR = "NPV-L-EXCEPT-COVERS-CIDR";
  public static final String NO_DEFAULT_DENY = "NPV-L-NO-DEFAULT-DENY";
  public static final String EGRESS_BLOCKS_DNS = "NPV-L-EGRESS-BLOCKS-DNS";
  public static final String VACUOUS_INVARIANT = "NPV-L-VACUOUS-INVARIANT";
  public static final String CONTRADICTORY_INVARIANTS = "NPV-L-CONTRADICTORY-INVARIANTS";
  public static final String UNDECIDED = "NPV-L-UNDECIDED";

  private LintCodes() {
  }

  /** One line per code for help texts and SARIF rule descriptions. */
  public static String describe(String code) {
    return switch (code) {
      case REDUNDANT_RULE -> "A rule admits nothing that other rules of policies selecting the same pods do not already admit.";
      case REDUNDANT_POLICY -> "A policy changes nothing: other policies isolate the same pods and admit everything it admits.";
      case POLICY_SELECTS_NOTHING -> "A policy's podSelector matches no pod of the manifests.";
      case PEER_MATCHES_NOTHING -> "A rule's peer matches no namespace or no pod of the manifests.";
      case NAMED_PORT_UNDEFINED -> "A named port that no destination pod defines for the protocol.";
      case EXCEPT_COVERS_CIDR -> "An ipBlock whose except entries remove all of its cidr: the peer matches nothing.";
      case NO_DEFAULT_DENY -> "A namespace with workloads that some direction leaves not isolated.";
      case EGRESS_BLOCKS_DNS -> "Egress isolation leaves no rule admitting DNS (UDP 53) to kube-system.";
      case VACUOUS_INVARIANT -> "An invariant whose from or to matches no endpoint: it proves nothing.";
      case CONTRADICTORY_INVARIANTS -> "Two invariants that cannot both hold, whatever the policies.";
      case UNDECIDED -> "The solver could not decide a lint question in time.";
      default -> code;
    };
  }

  /** Every code, in the order SARIF lists them. */
  public static final java.util.List<String> ALL = java.util.List.of(REDUNDANT_RULE, REDUNDANT_POLICY,
      POLICY_SELECTS_NOTHING, PEER_MATCHES_NOTHING, NAMED_PORT_UNDEFINED, EXCEPT_COVERS_CIDR, NO_DEFAULT_DENY,
      EGRESS_BLOCKS_DNS, VACUOUS_INVARIANT, CONTRADICTORY_INVARIANTS, UNDECIDED);
}
