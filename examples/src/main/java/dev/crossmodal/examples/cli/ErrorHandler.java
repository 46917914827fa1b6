package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossmodalException;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.InvalidWorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the library's exceptions into one-line messages on stderr and distinct exit codes: 2 bad
 * input, 3 bad model, 4 bad workspace, 5 I/O error, 1 anything else (with a stack trace in the
 * debug log).
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

  static final int BAD_INPUT = 2;
  static final int BAD_MODEL = 3;
  static final int BAD_WORKSPACE = 4;
  static final int IO_ERROR = 5;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    int code;
    if (e instanceof InvalidInputException) {
      code = BAD_INPUT;
    } else if (e instanceof InvalidModelException) {
      code = BAD_MODEL;
    } else if (e instanceof InvalidWorkspaceException) {
      code = BAD_WORKSPACE;
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      code = IO_ERROR;
    } else if (e instanceof CrossmodalException || e instanceof IllegalArgumentException) {
      code = 1;
    } else {
      LOG.error("unexpected failure", e);
      code = 1;
    }
    cmd.getErr().println("error: " + messageWithCause(e));
    cmd.getErr().flush();
    LOG.debug("failure details", e);
    return code;
  }

  /**
   * The message, followed by the root cause's where it does not already say it: "No space left on
   * device" must reach the user even when a layer above wrapped it in its own words.
   */
  static String messageWithCause(Throwable e) {
    String message = String.valueOf(e.getMessage());
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause = root.getMessage();
    if (root != e && cause != null && !cause.isBlank() && !message.contains(cause)) {
      return message + ": " + cause;
    }
    return message;
  }
}
