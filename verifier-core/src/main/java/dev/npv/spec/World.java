package dev.npv.spec;

/**
 * Which endpoints an invariant ranges over. OPEN: every pod that could ever exist (any namespace,
 * any labels) plus external addresses. CLOSED: only the manifests' workloads, plus external addresses.
 */
public enum World { OPEN, CLOSED }
