package dev.npv.load;

/** The stable diagnostic codes of the loader and the spec reader (tests and users rely on them). */
public final class Codes {
  private Codes() {
  }

  // Input collection.
  public static final String INPUT_MISSING = "NPV-E-INPUT-MISSING";
  public static final String INPUT_EMPTY_DIR = "NPV-E-INPUT-EMPTY-DIR";
  public static final String INPUT_NOT_UTF8 = "NPV-E-INPUT-NOT-UTF8";
  public static final String INPUT_BINARY = "NPV-E-INPUT-BINARY";
  public static final String INPUT_READ = "NPV-E-INPUT-READ";
  public static final String LIMIT_SIZE = "NPV-E-LIMIT-SIZE";

  // Structure and types.
  public static final String NOT_AN_OBJECT = "NPV-E-NOT-AN-OBJECT";
  public static final String MISSING_FIELD = "NPV-E-MISSING-FIELD";
  public static final String UNKNOWN_FIELD = "NPV-E-UNKNOWN-FIELD";
  public static final String TYPE = "NPV-E-TYPE";
  public static final String API_VERSION = "NPV-E-API-VERSION";
  public static final String DUPLICATE_OBJECT = "NPV-E-DUPLICATE-OBJECT";
  public static final String NAME = "NPV-E-NAME";
  public static final String LABEL_KEY = "NPV-E-LABEL-KEY";
  public static final String LABEL_VALUE = "NPV-E-LABEL-VALUE";

  // Selectors, ports, peers, policies.
  public static final String SELECTOR_OPERATOR = "NPV-E-SELECTOR-OPERATOR";
  public static final String SELECTOR_VALUES = "NPV-E-SELECTOR-VALUES";
  public static final String PORT_RANGE = "NPV-E-PORT-RANGE";
  public static final String PORT_NAME = "NPV-E-PORT-NAME";
  public static final String END_PORT = "NPV-E-END-PORT";
  public static final String PROTOCOL = "NPV-E-PROTOCOL";
  public static final String CIDR = "NPV-E-CIDR";
  public static final String CIDR_EXCEPT = "NPV-E-CIDR-EXCEPT";
  public static final String PEER_EMPTY = "NPV-E-PEER-EMPTY";
  public static final String PEER_MIXED = "NPV-E-PEER-MIXED";
  public static final String POLICY_TYPE = "NPV-E-POLICY-TYPE";
  public static final String IP = "NPV-E-IP";

  // Nodes (core/v1 Node).
  public static final String NODE_ADDRESS_TYPE = "NPV-E-NODE-ADDRESS-TYPE";
  public static final String NODE_ADDRESS_SHARED = "NPV-E-NODE-ADDRESS-SHARED";
  public static final String NODE_NO_ADDRESS = "NPV-W-NODE-NO-ADDRESS";
  public static final String NODE_POD_CIDR = "NPV-W-NODE-POD-CIDR";

  // Admin network policies (policy.networking.k8s.io v1alpha1 and v1alpha2 ClusterNetworkPolicy).
  public static final String ADMIN_PRIORITY = "NPV-E-ADMIN-PRIORITY";
  public static final String ADMIN_ACTION = "NPV-E-ADMIN-ACTION";
  public static final String ADMIN_ONE_OF = "NPV-E-ADMIN-ONE-OF";
  public static final String ADMIN_LIMIT = "NPV-E-ADMIN-LIMIT";
  public static final String ADMIN_UNSUPPORTED = "NPV-E-ADMIN-UNSUPPORTED";
  public static final String BANP_NAME = "NPV-E-BANP-NAME";
  public static final String CNP_TIER = "NPV-E-CNP-TIER";
  public static final String ADMIN_NAMED_PORT_PEER = "NPV-E-ADMIN-NAMED-PORT-PEER";
  public static final String ADMIN_MIXED_VERSIONS = "NPV-W-ADMIN-MIXED-VERSIONS";
  public static final String ADMIN_SAME_PRIORITY = "NPV-W-ADMIN-SAME-PRIORITY";
  public static final String ADMIN_NODES_PEER = "NPV-W-ADMIN-NODES-PEER";
  public static final String ADMIN_LEGACY_PEER = "NPV-N-ADMIN-LEGACY-PEER";

  // Warnings and notes.
  public static final String CIDR_HOST_BITS = "NPV-W-CIDR-HOST-BITS";
  public static final String HOST_NETWORK = "NPV-W-HOST-NETWORK";
  public static final String IMPLIED_NAMESPACE = "NPV-W-IMPLIED-NAMESPACE";
  public static final String UNMODELLED_KIND = "NPV-W-UNMODELLED-KIND";
  public static final String IGNORED_RULES = "NPV-W-IGNORED-RULES";
  public static final String SKIPPED_KIND = "NPV-N-SKIPPED-KIND";
  public static final String OWNER_NOT_LOADED = "NPV-N-OWNER-NOT-LOADED";
  public static final String OWNER_INFERRED = "NPV-N-OWNER-INFERRED";
  public static final String POD_TERMINATED = "NPV-N-POD-TERMINATED";
  public static final String WORKLOAD_GROUPS = "NPV-N-WORKLOAD-GROUPS";

  // Spec reader.
  public static final String SPEC_KIND = "NPV-E-SPEC-KIND";
  public static final String SPEC_VALUE = "NPV-E-SPEC-VALUE";
  public static final String SPEC_DUPLICATE_INVARIANT = "NPV-E-SPEC-DUPLICATE-INVARIANT";
  public static final String SPEC_WORKLOAD_REF = "NPV-E-SPEC-WORKLOAD-REF";
  public static final String SPEC_ENDPOINT_MIXED = "NPV-E-SPEC-ENDPOINT-MIXED";
  public static final String SPEC_ENDPOINT_EMPTY = "NPV-E-SPEC-ENDPOINT-EMPTY";

  // Verifier (specs resolved against the manifests).
  public static final String SPEC_UNKNOWN_WORKLOAD = "NPV-E-SPEC-UNKNOWN-WORKLOAD";
  public static final String SPEC_EMPTY_NAMESPACE = "NPV-W-SPEC-EMPTY-NAMESPACE";

  // YAML and limits (also raised by YamlLoader).
  public static final String YAML_SYNTAX = "NPV-E-YAML-SYNTAX";
  public static final String YAML_DUPLICATE_KEY = "NPV-E-YAML-DUPLICATE-KEY";
  public static final String YAML_KEY = "NPV-E-YAML-KEY";
  public static final String YAML_MERGE = "NPV-E-YAML-MERGE";
  public static final String LIMIT_DOCUMENTS = "NPV-E-LIMIT-DOCUMENTS";
  public static final String LIMIT_NESTING = "NPV-E-LIMIT-NESTING";
  public static final String LIMIT_ALIASES = "NPV-E-LIMIT-ALIASES";

  // Accepting what the API server accepts; inputs as users have them; policy kinds npv does not model.
  public static final String METADATA_IGNORED = "NPV-W-METADATA-IGNORED";
  public static final String DEFAULT_NAMESPACE = "NPV-N-DEFAULT-NAMESPACE";
  public static final String GENERATED_NAME = "NPV-W-GENERATED-NAME";
  public static final String INPUT_UNRENDERED = "NPV-E-INPUT-UNRENDERED";
  public static final String INPUT_REPEATED = "NPV-N-INPUT-REPEATED";
  public static final String INT_NOTATION = "NPV-W-INT-NOTATION";
  public static final String CIDR_LEADING_ZEROS = "NPV-W-CIDR-LEADING-ZEROS";
  public static final String ADMIN_DOMAIN_NAMES = "NPV-W-ADMIN-DOMAIN-NAMES";

  // Calico (projectcalico.org/v3 and crd.projectcalico.org/v1): selectors, policies, rules, tiers, sets.
  public static final String CALICO_SELECTOR = "NPV-E-CALICO-SELECTOR";
  public static final String CALICO_GLOBAL_SELECTOR = "NPV-E-CALICO-GLOBAL-SELECTOR";
  public static final String CALICO_ACTION = "NPV-E-CALICO-ACTION";
  public static final String CALICO_ORDER = "NPV-E-CALICO-ORDER";
  public static final String CALICO_TYPES = "NPV-E-CALICO-TYPES";
  public static final String CALICO_PROTOCOL = "NPV-E-CALICO-PROTOCOL";
  public static final String CALICO_PORT = "NPV-E-CALICO-PORT";
  public static final String CALICO_PORTS_PROTOCOL = "NPV-E-CALICO-PORTS-PROTOCOL";
  public static final String CALICO_NETS = "NPV-E-CALICO-NETS";
  public static final String CALICO_IP_VERSION = "NPV-E-CALICO-IP-VERSION";
  public static final String CALICO_ICMP = "NPV-E-CALICO-ICMP";
  public static final String CALICO_HTTP = "NPV-E-CALICO-HTTP";
  public static final String CALICO_SERVICES = "NPV-E-CALICO-SERVICES";
  public static final String CALICO_TIER_MISSING = "NPV-E-CALICO-TIER-MISSING";
  public static final String CALICO_TIER = "NPV-E-CALICO-TIER";
  public static final String CALICO_LABEL = "NPV-E-CALICO-LABEL";
  public static final String CALICO_HOST_ENDPOINT = "NPV-W-CALICO-HOST-ENDPOINT";
  public static final String CALICO_UNMODELLED_MATCH = "NPV-W-CALICO-UNMODELLED-MATCH";
  public static final String CALICO_HOST_OPTIONS = "NPV-E-CALICO-HOST-OPTIONS";

  // Cilium policies (cilium.io/v2 CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy).
  public static final String CILIUM_SUBJECT = "NPV-E-CILIUM-SUBJECT";
  public static final String CILIUM_LABEL_SOURCE = "NPV-E-CILIUM-LABEL-SOURCE";
  public static final String CILIUM_ENTITY = "NPV-E-CILIUM-ENTITY";
  public static final String CILIUM_PORT = "NPV-E-CILIUM-PORT";
  public static final String CILIUM_ICMP = "NPV-E-CILIUM-ICMP";
  public static final String CILIUM_ONE_OF = "NPV-E-CILIUM-ONE-OF";
  public static final String CILIUM_LIMIT = "NPV-E-CILIUM-LIMIT";
  public static final String CILIUM_VALUE = "NPV-E-CILIUM-VALUE";
  public static final String CILIUM_UNSUPPORTED = "NPV-E-CILIUM-UNSUPPORTED";
  public static final String CILIUM_NO_SECTIONS = "NPV-W-CILIUM-NO-SECTIONS";
  public static final String CILIUM_HOST_POLICY = "NPV-W-CILIUM-HOST-POLICY";
  public static final String CILIUM_NAMESPACE_OVERRIDDEN = "NPV-W-CILIUM-NAMESPACE-OVERRIDDEN";
  public static final String CILIUM_INEXACT_ENTITY = "NPV-W-CILIUM-INEXACT-ENTITY";
  public static final String CILIUM_DYNAMIC_PEER = "NPV-W-CILIUM-DYNAMIC-PEER";
  public static final String CILIUM_L7 = "NPV-W-CILIUM-L7";
  public static final String CILIUM_ICMP_RULE = "NPV-W-CILIUM-ICMP-RULE";
  public static final String CILIUM_UNCHECKED_PROTOCOL = "NPV-W-CILIUM-UNCHECKED-PROTOCOL";
  public static final String CILIUM_SERVICE_ACCOUNT = "NPV-W-CILIUM-SERVICE-ACCOUNT";
  public static final String CILIUM_LABEL_KEY = "NPV-W-CILIUM-LABEL-KEY";
  public static final String CILIUM_PRUNED_FIELD = "NPV-W-CILIUM-PRUNED-FIELD";
  public static final String CILIUM_AGENT_REFUSES = "NPV-W-CILIUM-AGENT-REFUSES";
}
