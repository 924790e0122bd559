package dev.npv.eval;

/**
 * Both sides of one connection; it is allowed iff both sides allow it and its ends use one address
 * family ({@link Connection#oneAddressFamily}).
 */
public record ConnectionDecision(Connection connection, SideDecision egress, SideDecision ingress) {
  public boolean allowed() {
    return connection.oneAddressFamily() && egress.allowed() && ingress.allowed();
  }
}
