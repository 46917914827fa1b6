package dev.crossmodal.core;

/** A model directory or file is missing, incomplete or not of the expected kind. */
public class InvalidModelException extends CrossmodalException {
  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
