package dev.npv.kube;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.load.SourceText;

/**
 * Everything read from one cluster, complete (a read that failed anywhere yields no snapshot): one JSON
 * text per object, named {@code cluster:<context>/<kind>/<namespace>/<name>} (cluster-scoped kinds
 * without the namespace), and the notes and warnings of the read (kinds not served, discovery gaps).
 */
public record ClusterSnapshot(String context, ImmutableList<SourceText> objects, ImmutableList<Diagnostic> notes) {
}
