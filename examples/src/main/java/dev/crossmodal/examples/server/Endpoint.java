package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every route shares: open CORS for GET and POST (so that Jina Box and other pages can call
 * the server), answers to OPTIONS preflights, a 405 for other methods, and every failure turned
 * into a JSON {@code {"error": ...}} body with a 4xx or 500 status.
 */
abstract class Endpoint {
  private static final Logger log = LoggerFactory.getLogger(Endpoint.class);

  protected final ObjectMapper json;
  private final Set<String> methods;

  protected Endpoint(ObjectMapper json, Set<String> methods) {
    this.json = json;
    this.methods = methods;
  }

  /** Serves one request whose method is allowed; throws {@link HttpError} to refuse it. */
  protected abstract void serve(Exchange exchange) throws IOException;

  /** Serves one request; never throws, every failure becomes a JSON error response. */
  final void handle(Exchange exchange) {
    try {
      exchange.setResponseHeader("Access-Control-Allow-Origin", "*");
      exchange.setResponseHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      exchange.setResponseHeader("Access-Control-Allow-Headers", "Content-Type");
      exchange.setResponseHeader("Access-Control-Max-Age", "600");
      exchange.setResponseHeader("X-Content-Type-Options", "nosniff");
      String method = exchange.method();
      if ("OPTIONS".equals(method)) {
        exchange.respond(204, null, new byte[0]);
        return;
      }
      try {
        if (!methods.contains(method)) {
          exchange.setResponseHeader("Allow", String.join(", ", methods) + ", OPTIONS");
          throw new HttpError(405, "method " + method + " is not allowed here; use " + methods);
        }
        serve(exchange);
      } catch (HttpError e) {
        sendError(exchange, e.status(), e.getMessage());
      } catch (InvalidInputException e) {
        sendError(exchange, 400, e.getMessage());
      } catch (IOException e) {
        // The client went away mid-request: nothing useful can be sent.
        log.debug("I/O error serving {}: {}", exchange.rawPath(), e.toString());
      } catch (RuntimeException e) {
        log.error("failed to serve {} {}", method, exchange.rawPath(), e);
        sendError(exchange, 500, "internal error: " + e.getClass().getSimpleName());
      }
    } catch (IOException e) {
      log.debug("I/O error serving {}: {}", exchange.rawPath(), e.toString());
    }
  }

  /** Bodies at most this long are read to their end before a 413, so that the client sees it. */
  private static final long DRAIN_LIMIT = 1 << 20;

  /** Reads the body, refusing (413) more than {@code limit} bytes without reading them all. */
  protected static byte[] readBody(Exchange exchange, int limit) throws IOException {
    String declared = exchange.requestHeader("Content-Length");
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw HttpError.badRequest("invalid Content-Length " + declared);
      }
      if (length > limit) {
        if (length <= DRAIN_LIMIT) {
          // A modest excess is read and dropped first: a client still writing its body when the
          // connection closes may never see the 413 (it gets a reset instead).
          try (InputStream in = exchange.requestBody()) {
            in.skipNBytes(length);
          } catch (java.io.EOFException e) {
            // The body was shorter than declared: the 413 stands.
          }
        }
        throw tooLarge(limit);
      }
    }
    try (InputStream in = exchange.requestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    }
  }

  private static HttpError tooLarge(int limit) {
    return new HttpError(413, "request body larger than the limit of " + limit + " bytes");
  }

  protected void sendJson(Exchange exchange, int status, Object body) throws IOException {
    exchange.respond(status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
  }

  protected static void sendBytes(Exchange exchange, String contentType, byte[] bytes)
      throws IOException {
    exchange.respond(200, contentType, bytes);
  }

  private void sendError(Exchange exchange, int status, String message) throws IOException {
    if (status >= 500) {
      log.warn("{} {} -> {}: {}", exchange.method(), exchange.rawPath(), status, message);
    }
    // A body already partly sent cannot be replaced; the client sees a cut-off response.
    if (!exchange.responded()) {
      sendJson(exchange, status, errorBody(message == null ? "error" : message));
    }
  }

  /**
   * {@code {"error": message}}, inside the envelope Jina clients read errors from: Jina Box reads
   * {@code data.docs} before it looks at {@code status}, so both must be there.
   */
  static Map<String, Object> errorBody(String message) {
    return Map.of(
        "error", message,
        "data", Map.of("docs", List.of()),
        "status", Map.of("code", "ERROR", "description", message));
  }

  protected static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
