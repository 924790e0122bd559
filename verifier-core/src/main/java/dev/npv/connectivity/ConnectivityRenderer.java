package dev.npv.connectivity;

/** Turns a report into text in one format. Output is deterministic and ends with a newline. */
public interface ConnectivityRenderer {
  String render(ConnectivityReport report);
}
