package dev.crossmodal.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code crossmodal} command line: one class per sub-command. */
@Command(
    name = "crossmodal",
    mixinStandardHelpOptions = true,
    version = "crossmodal 0.1.0",
    description = "Cross-modal (text <-> image) search: index, search, embed, serve, evaluate.",
    subcommands = {
      IndexCommand.class,
      SearchCommand.class,
      InfoCommand.class,
      EmbedCommand.class,
      BenchCommand.class,
      EvalCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      EncodeCommand.class,
      ImportCommand.class,
    })
public final class CrossmodalCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Runs the CLI with its output and error streams redirected. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return commandLine().setOut(out).setErr(err).execute(args);
  }

  private static CommandLine commandLine() {
    return new CommandLine(new CrossmodalCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        // embed's --text/--image setters collect every occurrence, in command-line order.
        .setOverwrittenOptionsAllowed(true)
        .setExecutionExceptionHandler(new ErrorHandler());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
