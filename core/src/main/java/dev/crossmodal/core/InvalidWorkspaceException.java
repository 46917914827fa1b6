package dev.crossmodal.core;

/**
 * A workspace or one of its files cannot be used as it is: damaged, written by an unknown format
 * version, or built with another model. The message says what to do about it.
 */
public class InvalidWorkspaceException extends CrossmodalException {
  /**
   * Creates the exception with a message naming the workspace and the problem.
   *
   * @param message names the workspace and the problem
   */
  public InvalidWorkspaceException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and the failure underneath.
   *
   * @param message names the workspace and the problem
   * @param cause the failure underneath
   */
  public InvalidWorkspaceException(String message, Throwable cause) {
    super(message, cause);
  }
}
