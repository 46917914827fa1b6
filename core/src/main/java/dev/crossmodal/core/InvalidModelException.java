package dev.crossmodal.core;

/** A model directory or file is missing, incomplete or not of the expected kind. */
public class InvalidModelException extends CrossmodalException {
  /**
   * Creates the exception with a message naming the model and the problem.
   *
   * @param message names the model and the problem
   */
  public InvalidModelException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and the failure underneath.
   *
   * @param message names the model and the problem
   * @param cause the failure underneath
   */
  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
