package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The REST server and web UI on Jetty 12 (its core API, no servlets): requests run on virtual
 * threads, so slow encodes never starve other clients of threads; idle and slow connections are
 * timed out; header and URL sizes are limited; and every error, protocol errors included, is a
 * JSON {@code {"error": ...}} body.
 *
 * <p>Routes: {@code POST /search}, {@code GET /images/{id}}, {@code GET /health}, and the web UI at
 * {@code GET /}. Limits are in {@link ServerLimits}.
 *
 * <pre>{@code
 * try (CrossmodalServer server = CrossmodalServer.builder().service(service).port(45678).start()) {
 *   System.err.println("serving at " + server.url());
 *   server.awaitTermination();
 * }
 * }</pre>
 */
public final class CrossmodalServer implements AutoCloseable {
  private final Server jetty;
  private final ServerConnector connector;
  private final SearchService service;

  private CrossmodalServer(Server jetty, ServerConnector connector, SearchService service) {
    this.jetty = jetty;
    this.connector = connector;
    this.service = service;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (useful after binding port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code http://host:port/}, where the web UI is. */
  public String url() {
    String host = connector.getHost() == null ? "0.0.0.0" : connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port() + "/";
  }

  /** Blocks until the server is stopped (by {@link #close()} from another thread, or a signal). */
  public void awaitTermination() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops accepting requests, lets running ones finish for up to a second, and stops; then closes
   * the service if it is {@link AutoCloseable} (a {@link WorkspaceSearchService} stops watching).
   */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      // Requests still running after the grace period were cut off: the server is stopped.
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the server: " + e.getMessage(), e);
    } finally {
      if (service instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // Stopping anyway: the service's resources go with the process.
        }
      }
    }
  }

  /** Configures and starts a {@link CrossmodalServer}. */
  public static final class Builder {
    private SearchService service;
    private String host = "127.0.0.1";
    private int port = 45678;
    private ServerLimits limits = ServerLimits.DEFAULT;

    private Builder() {}

    public Builder service(SearchService searchService) {
      this.service = searchService;
      return this;
    }

    /** The address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for all interfaces). */
    public Builder host(String bindHost) {
      this.host = Objects.requireNonNull(bindHost, "host");
      return this;
    }

    /** The port (default 45678, the Jina seed's; 0 for any free port). */
    public Builder port(int bindPort) {
      if (bindPort < 0 || bindPort > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + bindPort);
      }
      this.port = bindPort;
      return this;
    }

    public Builder limits(ServerLimits serverLimits) {
      this.limits = Objects.requireNonNull(serverLimits, "limits");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException if the address cannot be bound (port in use)
     */
    public CrossmodalServer start() {
      Objects.requireNonNull(service, "service");
      ObjectMapper json = new ObjectMapper();
      // Longest prefix first, as the routes are matched in order.
      Map<String, Endpoint> routes = new LinkedHashMap<>();
      routes.put(ServerUrls.IMAGES, new ImageEndpoint(json, service));
      routes.put("/search", new SearchEndpoint(json, service, limits));
      routes.put("/health", new HealthEndpoint(json, service));
      routes.put("/", new StaticEndpoint(json));

      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setName("crossmodal-http");
      threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
      Server jetty = new Server(threads);
      jetty.setStopTimeout(1000);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendDateHeader(true);
      http.setRequestHeaderSize(limits.maxHeaderBytes());
      http.setIdleTimeout(limits.idleTimeoutMillis());
      // A client that trickles its request (slowloris) is cut off instead of holding a connection.
      http.setMinRequestDataRate(limits.minRequestBytesPerSecond());
      // Image ids may hold any character, '/' and '%' included, percent-encoded in /images/{id};
      // paths are only ever looked up as ids, never as files, so their encoding is not ambiguous.
      http.setUriCompliance(
          UriCompliance.DEFAULT.with(
              "crossmodal-ids",
              UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
              UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
              UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
              UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
      ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(limits.idleTimeoutMillis());
      connector.setAcceptQueueSize(128);
      jetty.addConnector(connector);
      jetty.setErrorHandler(new JsonErrorHandler(json));
      jetty.setHandler(new Router(routes));
      try {
        jetty.start();
      } catch (IOException e) {
        stopQuietly(jetty);
        throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      } catch (Exception e) {
        stopQuietly(jetty);
        throw new IllegalStateException("cannot start the server: " + e.getMessage(), e);
      }
      return new CrossmodalServer(jetty, connector, service);
    }

    private static void stopQuietly(Server jetty) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // Start already failed; that is the error to report.
      }
    }
  }

  /** Sends each request to the endpoint of the first route its path starts with. */
  private static final class Router extends Handler.Abstract {
    private final Map<String, Endpoint> routes;

    Router(Map<String, Endpoint> routes) {
      this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Exchange exchange = new Exchange(request, response);
      String path = exchange.rawPath();
      for (Map.Entry<String, Endpoint> route : routes.entrySet()) {
        if (path.startsWith(route.getKey())) {
          route.getValue().handle(exchange);
          break;
        }
      }
      exchange.complete(callback);
      return true;
    }
  }

  /**
   * Answers what Jetty refuses itself (malformed requests, too large headers or URLs, bad
   * escapes) in the same JSON shape as the endpoints' errors, never with an HTML page.
   */
  private static final class JsonErrorHandler extends ErrorHandler {
    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
      this.json = json;
    }

    private ByteBuffer body(int status, String reason) {
      String message = reason == null || reason.isBlank() ? "HTTP error " + status : reason;
      try {
        return ByteBuffer.wrap(json.writeValueAsBytes(Endpoint.errorBody(message)));
      } catch (IOException e) {
        return ByteBuffer.wrap(("{\"error\":\"HTTP error " + status + "\"}").getBytes(StandardCharsets.UTF_8));
      }
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      return body(status, reason);
    }

    @Override
    protected void generateResponse(
        Request request, Response response, int code, String message, Throwable cause,
        Callback callback) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      response.write(true, body(code, message), callback);
    }
  }
}
