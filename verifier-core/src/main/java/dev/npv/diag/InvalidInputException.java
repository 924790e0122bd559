package dev.npv.diag;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Thrown at the end of a reading stage when the input had errors; carries every diagnostic (errors and
 * warnings) so the front end can print them all and exit with the invalid-input code.
 */
public final class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ImmutableList<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().filter(Diagnostic::isError).findFirst()
        .map(Diagnostic::oneLine).orElse("invalid input"));
    this.diagnostics = ImmutableList.copyOf(diagnostics);
  }

  public ImmutableList<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
