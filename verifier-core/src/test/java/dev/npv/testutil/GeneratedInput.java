package dev.npv.testutil;

import com.google.common.collect.ImmutableList;
import dev.npv.generate.ClusterGenerator;
import dev.npv.generate.GeneratedCluster;
import dev.npv.generate.GeneratorConfig;
import dev.npv.load.ClusterLoader;
import dev.npv.load.LoadOptions;
import dev.npv.model.Cluster;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.SpecReader;
import java.nio.file.Path;
import java.util.List;

/** A generated cluster and its invariant spec, written to disk and read back as a user's files are. */
public record GeneratedInput(Cluster cluster, ImmutableList<InvariantSet> sets) {
  public static GeneratedInput write(GeneratorConfig config, Path dir) throws Exception {
    GeneratedCluster g = new ClusterGenerator().generate(config);
    g.writeTo(dir);
    Cluster cluster = new ClusterLoader().load(List.of(g.manifestsDir(dir).toString()), LoadOptions.defaults())
        .cluster();
    return new GeneratedInput(cluster, new SpecReader().read(List.of(g.invariantsFile(dir))));
  }
}
