package dev.npv.cli;

import dev.npv.eval.EvaluatorOptions;
import dev.npv.load.K8sNames;
import dev.npv.load.LoadOptions;
import dev.npv.load.UnmodelledKinds;
import dev.npv.load.YamlLimits;
import dev.npv.model.Cidr;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Options every command that reads manifests shares. */
final class CommonOptions {
  @Option(names = {"-v", "--verbose"}, description = "Also print notes (e.g. skipped kinds) and stack traces of internal errors.")
  boolean verbose;


  @Option(names = "--ipblock-matches-pods", arity = "1", defaultValue = "true", paramLabel = "BOOL",
      description = "Whether ipBlock peers match pod IPs, as in the Kubernetes conformance tests (default: ${DEFAULT-VALUE}).")
  boolean ipBlockMatchesPods = true;

  @Option(names = "--pod-cidr", paramLabel = "CIDR",
      description = "Where pod addresses live (repeatable; Node manifests' spec.podCIDRs add to it). Pods whose"
          + " address the manifests do not give are inside it and external addresses outside it, so a rule such"
          + " as 0.0.0.0/0 except 10.0.0.0/8 can be proven closed to pods. Without it (and without Node podCIDRs),"
          + " such a pod may have any address no known pod or node holds.")
  List<String> podCidrs = new ArrayList<>();

  @Option(names = "--max-file-size", defaultValue = "67108864", paramLabel = "BYTES",
      description = "Largest input file accepted (default: ${DEFAULT-VALUE}).")
  long maxFileSize;

  @Option(names = "--max-documents", defaultValue = "100000", paramLabel = "N",
      description = "Most YAML documents in one file (default: ${DEFAULT-VALUE}).")
  int maxDocuments;

  @Option(names = "--max-depth", defaultValue = "64", paramLabel = "N",
      description = "Deepest YAML nesting accepted (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  @Option(names = "--max-aliases", defaultValue = "50", paramLabel = "N",
      description = "Most YAML aliases in one document; protects against alias bombs (default: ${DEFAULT-VALUE}).")
  int maxAliases;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAME",
      description = "The namespace of namespaced objects whose manifests give none, as with kubectl apply -n"
          + " (default: default, said in a note); with --cluster: read only this namespace (and the cluster-scoped"
          + " kinds).")
  String namespace;

  @Option(names = "--ignore-unmodelled", paramLabel = "KIND|all", split = ",",
      description = "Decide as if these policy kinds npv does not model (e.g. CiliumNetworkPolicy,"
          + " GlobalNetworkPolicy, NetworkPolicy.crd.antrea.io) were absent, instead of reporting every verdict"
          + " they could change UNKNOWN (exit 4); 'all' for every such kind. Repeatable.")
  List<String> ignoreUnmodelled = new ArrayList<>();

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  LoadOptions loadOptions() {
    // A zero or negative limit would refuse every input with a misleading message: a usage error instead.
    positive("--max-file-size", maxFileSize);
    positive("--max-documents", maxDocuments);
    positive("--max-depth", maxDepth);
    positive("--max-aliases", maxAliases);
    LoadOptions options = LoadOptions.defaults()
        .withLimits(new YamlLimits(maxFileSize, maxDocuments, maxDepth, maxAliases))
        .withIgnoreUnmodelled(ignoredKinds());
    if (namespace != null) {
      K8sNames.dnsLabelProblem(namespace).ifPresent(p -> {
        throw new CommandLine.ParameterException(mixee.commandLine(), "-n/--namespace '" + namespace
            + "' is not a valid namespace name: " + p);
      });
      options = options.withNamespace(namespace);
    }
    return options;
  }

  private UnmodelledKinds ignoredKinds() {
    UnmodelledKinds kinds = UnmodelledKinds.NONE;
    for (String k : ignoreUnmodelled) {
      kinds = kinds.and(UnmodelledKinds.parse(k).orElseThrow(() -> new CommandLine.ParameterException(
          mixee.commandLine(), "--ignore-unmodelled needs a kind name or 'all', not '" + k + "'")));
    }
    return kinds;
  }

  private void positive(String flag, long value) {
    if (value < 1) {
      throw new CommandLine.ParameterException(mixee.commandLine(), flag + " must be at least 1, not " + value);
    }
  }

  EvaluatorOptions evaluatorOptions() {
    List<Cidr> cidrs = new ArrayList<>();
    for (String text : podCidrs) {
      cidrs.add(Cidr.parse(text.trim()).orElseThrow(() -> new CommandLine.ParameterException(
          mixee.commandLine(), "--pod-cidr needs a CIDR such as 10.244.0.0/16, not '" + text + "'")));
    }
    return new EvaluatorOptions(ipBlockMatchesPods).withPodCidrs(cidrs);
  }
}
