package dev.npv.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The npv command line: parses arguments and calls the core; nothing else. */
@Command(name = "npv", mixinStandardHelpOptions = true, version = "npv 0.1.0",
    description = "Formal verifier for Kubernetes NetworkPolicy: proves invariants for every pod that "
        + "exists or could ever be deployed, or shows a concrete counterexample.",
    subcommands = {ConnectivityCommand.class, CheckCommand.class, ReachCommand.class, ExplainCommand.class, LintCommand.class, DiffCommand.class, GenerateCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", ExitCodes.HELP})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs npv in-process (used by tests); returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    // check's --format/--output are setters called once per occurrence, pairing each format with its file.
    cli.getSubcommands().get("check").setOverwrittenOptionsAllowed(true);
    cli.setExitCodeExceptionMapper(e -> ExitCodes.INTERNAL_ERROR);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("npv: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
      err.println("npv: internal error: " + ex + " (please report this; --verbose shows the stack trace)");
      if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.INTERNAL_ERROR;
    });
    try {
      return cli.execute(args);
    } catch (LinkageError | RuntimeException e) {
      // picocli hands Errors through; a broken jar or a bug must still be one line, never a trace.
      err.println("npv: internal error: " + e + " (please report this; --verbose shows the stack trace)");
      if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.INTERNAL_ERROR;
    }
  }
}
