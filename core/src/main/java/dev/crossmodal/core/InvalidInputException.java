package dev.crossmodal.core;

/**
 * One input item cannot be used: a corrupt or unreadable image, an empty caption, a vector of the
 * wrong dimension. Batch jobs catch it, report the item and go on.
 */
public class InvalidInputException extends CrossmodalException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
