package dev.crossmodal.core;

/**
 * Base of the library's unchecked exceptions. Every message names the input (file, id, value) and
 * the problem, so that it can be shown to a user as it is.
 */
public class CrossmodalException extends RuntimeException {
  /**
   * Creates the exception with a message naming the input and the problem.
   *
   * @param message names the input and the problem
   */
  public CrossmodalException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and the failure underneath.
   *
   * @param message names the input and the problem
   * @param cause the failure underneath
   */
  public CrossmodalException(String message, Throwable cause) {
    super(message, cause);
  }
}
