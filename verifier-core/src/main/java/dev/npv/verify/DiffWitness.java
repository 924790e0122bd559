package dev.npv.verify;

/**
 * One connection whose verdict a change flips, as each version sees it (the same pods; namespace
 * labels as each version declares them), each re-checked by that version's reference evaluator.
 */
public record DiffWitness(Counterexample base, Counterexample head) {
}
