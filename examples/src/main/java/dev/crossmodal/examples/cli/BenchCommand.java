package dev.crossmodal.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code crossmodal bench ...}: throughput and latency measurements. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: index search and encoder throughput.",
    subcommands = {
      BenchIndexCommand.class,
      BenchEncodeCommand.class,
      BenchServeCommand.class,
      BenchSolrCommand.class,
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
