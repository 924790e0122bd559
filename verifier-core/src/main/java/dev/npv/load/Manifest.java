package dev.npv.load;

import dev.npv.diag.SourceLocation;

/** One Kubernetes object of the input (after List flattening), with its kind and apiVersion checked. */
record Manifest(String apiVersion, String kind, Fields object, SourceLocation location) {
}
