package dev.crossmodal.examples.cli;

import picocli.CommandLine.Option;

/** The {@code --port} and {@code --host} flags of the commands that start the server. */
final class ServerAddressOptions {
  @Option(names = "--port", defaultValue = "45678", description = "Port (default: ${DEFAULT-VALUE}, the seed's; 0 for any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host;
}
