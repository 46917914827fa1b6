package dev.crossmodal.examples.server;

/**
 * A request the server refuses, with the HTTP status and a message for the client. Thrown by
 * request parsing and turned into {@code {"error": message}} by the handlers.
 */
final class HttpError extends RuntimeException {
  private final int status;

  HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  int status() {
    return status;
  }
}
