package dev.npv.cli;

import com.google.common.collect.ImmutableList;
import dev.npv.diag.InvalidInputException;
import dev.npv.diag.SourceLocation;
import dev.npv.load.LoadResult;
import dev.npv.model.PolicyPort;
import dev.npv.model.PortSpec;
import dev.npv.model.Protocol;
import dev.npv.report.CheckJsonRenderer;
import dev.npv.spec.EndpointExpressions;
import dev.npv.spec.EndpointSet;
import dev.npv.spec.Expect;
import dev.npv.spec.Invariant;
import dev.npv.spec.InvariantSet;
import dev.npv.spec.World;
import dev.npv.verify.CheckResult;
import dev.npv.verify.InternalVerificationError;
import dev.npv.verify.VerificationReport;
import dev.npv.verify.VerifyOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code npv reach}: an ad-hoc "can FROM reach TO?" without a spec file. */
@Command(name = "reach", mixinStandardHelpOptions = true,
    description = "Ask whether any endpoint matching --from can reach any matching --to. Endpoint forms "
        + "(repeat a flag to combine them with AND): ns/name (a workload), namespace:NAME, ns:SELECTOR "
        + "(namespace labels), pod:SELECTOR or SELECTOR (pod labels, kubectl syntax such as "
        + "'app=web,tier in (a,b),!debug'), or an IP/CIDR (external). "
        + "Exit 0 when reachable (with an example), 1 when proven unreachable.",
    footer = {"", ExitCodes.HELP})
final class ReachCommand implements Callable<Integer> {
  enum Format { text, json }

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  QueryOptions query;

  @Option(names = "--from", paramLabel = "ENDPOINT", description = "Source constraint (repeatable, ANDed); absent = any endpoint.")
  List<String> from = new ArrayList<>();

  @Option(names = "--to", paramLabel = "ENDPOINT", description = "Destination constraint (repeatable, ANDed); absent = any endpoint.")
  List<String> to = new ArrayList<>();

  @Option(names = "--port", paramLabel = "PORT[/PROTO]", description = "e.g. 5555/TCP, 53/UDP, 8000-8080/TCP, http/TCP (repeatable; absent = any).")
  List<String> ports = new ArrayList<>();

  @Option(names = "--world", defaultValue = "open", paramLabel = "open|closed", description = "default: ${DEFAULT-VALUE}")
  String world;

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json.")
  Format format;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Manifest files or directories, or - for "
      + "stdin; none with --cluster.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Invariant question;
    World w;
    try {
      w = World.valueOf(world.toUpperCase(Locale.ROOT));
      question = new Invariant("reach", "", Expect.ALLOW_SOME, endpoints(from, "--from"), endpoints(to, "--to"),
          parsePorts(ports), Optional.empty(), SourceLocation.ofFile("<command line>"));
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
    if (!ManifestSupport.solverAvailable(err)) {
      return ExitCodes.SOLVER_UNAVAILABLE;
    }
    try (Verification run = new Verification(loaded.cluster(), new VerifyOptions(Optional.of(w),
        query.session(common)))) {
      VerificationReport report;
      try {
        report = run.verify(List.of(new InvariantSet("reach", w, ImmutableList.of(question), question.location())));
      } catch (InvalidInputException e) {
        new DiagnosticPrinter(err, common.verbose).print(e.diagnostics());
        return ExitCodes.INVALID_INPUT;
      } catch (InternalVerificationError e) {
        err.println(Verification.internalError(e));
        return ExitCodes.INTERNAL_ERROR;
      }
      if (format == Format.json) {
        out.print(new CheckJsonRenderer().render(report));
      } else {
        out.print(describe(report.results().get(0), w));
      }
      out.flush();
      return CheckCommand.exitCode(report);
    }
  }

  /** REACHABLE with an example connection, UNREACHABLE (proven), or UNKNOWN with the reason. */
  private static String describe(CheckResult r, World w) {
    StringBuilder b = new StringBuilder();
    switch (r.verdict()) {
      case PROVEN -> b.append("REACHABLE (").append(r.durationMillis()).append(" ms)\n");
      case VIOLATED -> b.append("UNREACHABLE: proven for every endpoint in the ")
          .append(w.name().toLowerCase(Locale.ROOT)).append(" world (").append(r.durationMillis())
          .append(" ms)\n");
      case UNKNOWN -> b.append("UNKNOWN: ").append(r.reason()).append('\n');
      default -> throw new IllegalStateException();
    }
    r.warnings().forEach(x -> b.append("  warning: ").append(x).append('\n'));
    r.counterexample().ifPresent(c -> {
      b.append("  example: ").append(c.protocol()).append(' ').append(c.port()).append('\n');
      b.append("    from: ").append(c.source().describe()).append('\n');
      b.append("    to:   ").append(c.destination().describe()).append('\n');
      c.explanation().forEach(x -> b.append("    ").append(x).append('\n'));
    });
    return b.toString();
  }

  private static EndpointSet endpoints(List<String> parts, String flag) {
    if (parts.isEmpty()) {
      return EndpointSet.ANY;
    }
    try {
      return EndpointSet.of(List.of(EndpointExpressions.parse(parts, SourceLocation.ofFile("<command line>"))));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }

  static ImmutableList<PolicyPort> parsePorts(List<String> texts) {
    ImmutableList.Builder<PolicyPort> out = ImmutableList.builder();
    for (String t : texts) {
      String[] parts = t.split("/", 2);
      Protocol proto = parts.length == 2 ? Protocol.parse(parts[1].toUpperCase(Locale.ROOT))
          .orElseThrow(() -> new IllegalArgumentException("--port: unknown protocol in '" + t + "' (TCP, UDP or SCTP)"))
          : Protocol.TCP;
      String p = parts[0];
      PortSpec specOf;
      try {
        if (p.contains("-") && p.matches("\\d+-\\d+")) {
          String[] r = p.split("-");
          specOf = new PortSpec.Range(Integer.parseInt(r[0]), Integer.parseInt(r[1]));
        } else if (p.matches("\\d+")) {
          int n = Integer.parseInt(p);
          specOf = new PortSpec.Range(n, n);
        } else if (p.equals("*") || p.isEmpty()) {
          specOf = new PortSpec.AnyPort();
        } else {
          specOf = new PortSpec.Named(p);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--port: '" + t + "' is not a port in 1..65535 or a range");
      }
      out.add(new PolicyPort(proto, specOf));
    }
    return out.build();
  }
}
