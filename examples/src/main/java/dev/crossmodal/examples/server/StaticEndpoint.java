package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The web UI and the API's OpenAPI description ({@code /openapi.json}): a fixed set of files from the class path ({@code web/}), read once at start-up.
 * Request paths select from that set; they are never turned into file or resource names.
 */
final class StaticEndpoint extends Endpoint {
  private static final Map<String, String> FILES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/style.css", "style.css",
          "/openapi.json", "openapi.json");

  private final Map<String, byte[]> contents;

  StaticEndpoint(ObjectMapper json) {
    super(json, Set.of("GET", "HEAD"));
    Map<String, byte[]> loaded = new HashMap<>();
    for (String file : FILES.values()) {
      loaded.computeIfAbsent(file, StaticEndpoint::load);
    }
    this.contents = Map.copyOf(loaded);
  }

  @Override
  protected void serve(Exchange exchange) throws IOException {
    String path = exchange.path();
    String file = FILES.get(path);
    if (file == null) {
      throw new HttpError(404, "no such resource: " + path);
    }
    exchange.setResponseHeader("Cache-Control", "no-cache");
    sendBytes(exchange, contentType(file), contents.get(file));
  }

  private static String contentType(String file) {
    if (file.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (file.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (file.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    return "text/css; charset=utf-8";
  }

  private static byte[] load(String name) {
    try (InputStream in = StaticEndpoint.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("web UI resource web/" + name + " missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
