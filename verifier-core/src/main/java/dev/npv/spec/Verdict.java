package dev.npv.spec;

/** The answer for one invariant. PROVEN only ever comes from an unsat answer of the solver. */
public enum Verdict { PROVEN, VIOLATED, UNKNOWN }
