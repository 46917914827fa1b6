package dev.crossmodal.core;

/**
 * One input item cannot be used: a corrupt or unreadable image, an empty caption, a vector of the
 * wrong dimension. Batch jobs catch it, report the item and go on.
 */
public class InvalidInputException extends CrossmodalException {
  /**
   * Creates the exception with a message naming the input and the problem.
   *
   * @param message names the input and the problem
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and the failure underneath.
   *
   * @param message names the input and the problem
   * @param cause the failure underneath
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
