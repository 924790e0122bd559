package dev.npv.model;


import java.util.Locale;
/** A policy direction, as in NetworkPolicy {@code policyTypes}. */
public enum Direction {
  INGRESS("Ingress"), EGRESS("Egress");

  private final String apiName;

  Direction(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public String lower() {
    return apiName.toLowerCase(Locale.ROOT);
  }
}
