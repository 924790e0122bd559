package dev.npv.eval;

/** Both sides of one connection; it is allowed iff both sides allow it. */
public record ConnectionDecision(Connection connection, SideDecision egress, SideDecision ingress) {
  public boolean allowed() {
    return egress.allowed() && ingress.allowed();
  }
}
