package dev.npv.cli;

import dev.npv.diag.InvalidInputException;
import dev.npv.eval.Connection;
import dev.npv.eval.Endpoint;
import dev.npv.explain.ConcreteEndpoints;
import dev.npv.explain.Explainer;
import dev.npv.explain.Explanation;
import dev.npv.load.LoadResult;
import dev.npv.model.Cluster;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.report.ExplainJsonRenderer;
import dev.npv.report.ExplainTextRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code npv explain}: the verdict of one concrete connection and the decision chain on each side. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain one concrete connection: which policies select each end in which direction, and "
        + "which rules match the peer and port, and why not. Endpoint forms: ns/name (a workload of the "
        + "manifests), an IP address (external), or a hypothetical pod by exact labels: namespace:NAME, "
        + "ns:k=v,... (namespace labels) and pod:k=v,... (pod labels), repeated or joined with '/', e.g. "
        + "ns:project=myApp/pod:app=frontend. Exit 0 when the connection is allowed, 1 when denied.",
    footer = {"", ExitCodes.HELP})
final class ExplainCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--from", required = true, paramLabel = "ENDPOINT", description = "The source (repeatable parts).")
  List<String> from;

  @Option(names = "--to", required = true, paramLabel = "ENDPOINT", description = "The destination (repeatable parts).")
  List<String> to;

  @Option(names = "--port", required = true, paramLabel = "PORT[/PROTO]",
      description = "One port, e.g. 5555/TCP or 53/UDP; a name (http/TCP) resolves on the destination pod.")
  String port;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json.")
  Format format;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Manifest files or directories, or - for "
      + "stdin; none with --cluster.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PolicyPort pp;
    try {
      pp = ReachCommand.parsePorts(List.of(port)).get(0);
    } catch (IllegalArgumentException e) {
      err.println("npv: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    LoadResult loaded;
    try {
      loaded = ManifestSupport.load(paths, common, cluster, err);
    } catch (InvalidInputException e) {
      return ExitCodes.INVALID_INPUT;
    }
    Cluster cluster = loaded.cluster();
    Connection c;
    try {
      Endpoint src = endpoint(cluster, from, "--from");
      Endpoint dst = endpoint(cluster, to, "--to");
      // A connection uses one address family: a dual-stack workload is taken in the other end's.
      src = ConcreteEndpoints.inFamilyOf(cluster, src, dst);
      dst = ConcreteEndpoints.inFamilyOf(cluster, dst, src);
      c = new Connection(src, dst, pp.protocol(), number(pp, dst));
    } catch (IllegalArgumentException e) {
      err.println("npv: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    // The explanation is a trace of the evaluator's own walk: its verdict is the evaluator's.
    Explanation e = new Explainer(cluster, common.evaluatorOptions()).explain(c);
    out.print(format == Format.json ? new ExplainJsonRenderer().render(e) : new ExplainTextRenderer().render(e));
    out.flush();
    Set<String> namespaces = new TreeSet<>();
    c.src().pod().ifPresent(p -> namespaces.add(p.namespace()));
    c.dst().pod().ifPresent(p -> namespaces.add(p.namespace()));
    if (ManifestSupport.unmodelledCouldChange(cluster, Optional.of(namespaces), err)) {
      return ExitCodes.UNKNOWN;
    }
    return e.allowed() ? ExitCodes.OK : ExitCodes.VIOLATED;
  }

  private static Endpoint endpoint(Cluster cluster, List<String> parts, String flag) {
    try {
      return ConcreteEndpoints.parse(cluster, parts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }

  /** A concrete port: a number, or a name resolved on the destination pod. */
  private static int number(PolicyPort pp, Endpoint dst) {
    IllegalArgumentException notOne = new IllegalArgumentException(
        "--port: explain needs one concrete port, such as 5555/TCP");
    return pp.spec().accept(new PortSpec.Visitor<Integer>() {
      @Override
      public Integer anyPort(PortSpec.AnyPort spec) {
        throw notOne;
      }

      @Override
      public Integer range(PortSpec.Range r) {
        if (r.first() != r.last()) {
          throw notOne;
        }
        return r.first();
      }

      @Override
      public Integer named(PortSpec.Named n) {
        if (!(dst instanceof Endpoint.PodEndpoint pod)) {
          throw notOne;
        }
        List<Integer> ports = pod.namedPorts(n.name(), pp.protocol());
        if (ports.size() != 1) {
          throw new IllegalArgumentException("--port: named port " + n.name() + (ports.isEmpty()
              ? " is not defined on " + pod.display() + " for " + pp.protocol()
              : " is several ports on " + pod.display() + "; give the number"));
        }
        return ports.get(0);
      }
    });
  }
}
