package dev.crossmodal.examples.cli;

import dev.crossmodal.core.pipeline.Indexer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Range checks of numeric options shared by the commands: a value out of range is a usage error
 * (exit 2, with the usage help), never an overflow or a silent "all".
 */
final class OptionChecks {
  private OptionChecks() {}

  static void batchSize(CommandSpec spec, int value) {
    if (value < 1 || value > Indexer.MAX_BATCH_SIZE) {
      throw usage(spec, "--batch-size must be from 1 to " + Indexer.MAX_BATCH_SIZE + ", got " + value);
    }
  }

  /** A limit on images: absent means all, else at least 0. */
  static void limit(CommandSpec spec, Number value) {
    if (value != null && value.longValue() < 0) {
      throw usage(spec, "--limit must be 0 or more (leave it out for all images), got " + value);
    }
  }

  static void checkpointSeconds(CommandSpec spec, long value) {
    if (value < 0) {
      throw usage(spec, "--checkpoint-seconds must be 0 or more, got " + value);
    }
  }

  /** The charset named by {@code --encoding}, or null if none was given. */
  static Charset encoding(CommandSpec spec, String name) {
    if (name == null) {
      return null;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw usage(spec, "--encoding '" + name + "' is not a known charset; use for example UTF-8,"
          + " ISO-8859-1, windows-1252 or UTF-16");
    }
  }

  private static CommandLine.ParameterException usage(CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
