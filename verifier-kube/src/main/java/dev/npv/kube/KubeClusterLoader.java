package dev.npv.kube;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.Diagnostic;
import dev.npv.diag.InvalidInputException;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.load.LoadResult;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A live cluster in, a validated {@link dev.npv.model.Cluster} out: reads it with {@link ClusterReader}, then
 * hands every object to the same loader files go through (strict validation, the same diagnostics), each
 * located as {@code cluster:<context>/<kind>/<namespace>/<name>}.
 */
public final class KubeClusterLoader {
  /** Reads and loads; throws with every diagnostic when the read or the objects had errors. */
  public LoadResult load(KubeSource source, LoadOptions options) throws InvalidInputException {
    ClusterSnapshot snapshot = new ClusterReader(source).read();
    try {
      LoadResult r = new ClusterLoader().loadObjects(snapshot.objects(), options);
      return new LoadResult(r.cluster(), merged(snapshot.notes(), r.diagnostics()));
    } catch (InvalidInputException e) {
      throw new InvalidInputException(merged(snapshot.notes(), e.diagnostics()));
    }
  }

  private static ImmutableList<Diagnostic> merged(List<Diagnostic> a, List<Diagnostic> b) {
    return Stream.concat(a.stream(), b.stream())
        .sorted(Comparator.comparing((Diagnostic d) -> d.location().file()).thenComparing(Diagnostic::code)
            .thenComparing(Diagnostic::message))
        .collect(ImmutableList.toImmutableList());
  }
}
