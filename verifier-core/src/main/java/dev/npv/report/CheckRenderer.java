package dev.npv.report;

import dev.npv.verify.VerificationReport;

/** Turns the result of one {@code npv check} run into one report format; pure and deterministic. */
public interface CheckRenderer {
  String render(VerificationReport report);
}
