package dev.npv.smt;

import java.util.Optional;

/**
 * The solver's answer to "is there a connection whose verdict differs between two versions?": FOUND
 * with the connection as each version sees it (the endpoints are the same pods; only namespace labels
 * may differ), NONE (unsat: proven identical), or UNKNOWN with Z3's reason.
 */
public record DiffAnswer(SolverAnswer.Outcome outcome, Optional<Witness> base, Optional<Witness> head,
                         String reason) {
}
