package dev.npv.load;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.model.Cluster;

/** A successfully loaded cluster and the warnings and notes found on the way (sorted). */
public record LoadResult(Cluster cluster, ImmutableList<Diagnostic> diagnostics) {
}
