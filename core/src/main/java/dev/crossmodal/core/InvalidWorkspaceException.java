package dev.crossmodal.core;

/**
 * A workspace or one of its files cannot be used as it is: damaged, written by an unknown format
 * version, or built with another model. The message says what to do about it.
 */
public class InvalidWorkspaceException extends CrossmodalException {
  public InvalidWorkspaceException(String message) {
    super(message);
  }

  public InvalidWorkspaceException(String message, Throwable cause) {
    super(message, cause);
  }
}
