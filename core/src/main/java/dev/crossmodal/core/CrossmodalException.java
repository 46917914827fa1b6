package dev.crossmodal.core;

/**
 * Base of the library's unchecked exceptions. Every message names the input (file, id, value) and
 * the problem, so that it can be shown to a user as it is.
 */
public class CrossmodalException extends RuntimeException {
  public CrossmodalException(String message) {
    super(message);
  }

  public CrossmodalException(String message, Throwable cause) {
    super(message, cause);
  }
}
