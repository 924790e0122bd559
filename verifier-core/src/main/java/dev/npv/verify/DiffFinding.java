package dev.npv.verify;

import java.util.Optional;

/**
 * The symbolic answer for one direction of change within one scope: {@code opened} (HEAD allows what
 * BASE denied) or closed. PROVEN_NONE when the solver showed no such connection exists; FOUND with a
 * witness; UNKNOWN with the reason.
 */
public record DiffFinding(String scope, boolean opened, Status status, Optional<DiffWitness> witness, String reason) {
  public enum Status { NONE, FOUND, UNKNOWN }
}
