package dev.npv.model;

import java.util.Optional;

/** The operators of a label selector requirement (meta/v1 LabelSelectorRequirement). */
public enum SelectorOperator {
  In, NotIn, Exists, DoesNotExist;

  public boolean takesValues() {
    return this == In || this == NotIn;
  }

  public static Optional<SelectorOperator> parse(String text) {
    for (SelectorOperator op : values()) {
      if (op.name().equals(text)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
