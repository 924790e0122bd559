package dev.npv.kube;

/** The stable diagnostic codes of reading a live cluster. */
public final class ClusterCodes {
  /** kubeconfig missing, unreadable, malformed, or without the requested context. */
  public static final String CONFIG = "NPV-E-CLUSTER-CONFIG";
  /** The API server refused a list or get (HTTP 403): the RBAC npv needs is missing. */
  public static final String FORBIDDEN = "NPV-E-CLUSTER-FORBIDDEN";
  /** The API server did not accept the credentials (HTTP 401). */
  public static final String UNAUTHORIZED = "NPV-E-CLUSTER-UNAUTHORIZED";
  /** No answer within the request timeout. */
  public static final String TIMEOUT = "NPV-E-CLUSTER-TIMEOUT";
  /** No connection to the API server (refused, unknown host, TLS failure). */
  public static final String UNREACHABLE = "NPV-E-CLUSTER-UNREACHABLE";
  /** Any other failed request (e.g. an expired continue token, a server error). */
  public static final String API = "NPV-E-CLUSTER-API";
  /** The namespace given with -n does not exist. */
  public static final String NAMESPACE = "NPV-E-CLUSTER-NAMESPACE";
  /** A custom resource kind npv models that the cluster does not serve: skipped. */
  public static final String NOT_SERVED = "NPV-N-CLUSTER-NOT-SERVED";
  /** An API group whose resources could not be discovered: a CNI policy kind in it is not checked. */
  public static final String DISCOVERY = "NPV-W-CLUSTER-DISCOVERY";
  /** What was read, per kind (a note). */
  public static final String READ = "NPV-N-CLUSTER-READ";

  private ClusterCodes() {
  }
}
