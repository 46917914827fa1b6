package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The REST server and web UI on the JDK's {@link HttpServer}: no web framework, one virtual thread
 * per request, so slow encodes never starve other clients of threads.
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
  private final HttpServer http;
  private final ExecutorService executor;

  private CrossmodalServer(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (useful after binding port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** {@code http://host:port/}, where the web UI is. */
  public String url() {
    String host = http.getAddress().getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port() + "/";
  }

  /** Blocks until the server is stopped (by {@link #close()} from another thread, or a signal). */
  public void awaitTermination() throws InterruptedException {
    while (!executor.isTerminated()) {
      executor.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
    }
  }

  /** Stops accepting requests, lets running ones finish for up to a second, and stops. */
  @Override
  public void close() {
    http.stop(1);
    executor.shutdown();
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
      HttpServer http;
      try {
        http = HttpServer.create(new InetSocketAddress(host, port), 128);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      http.setExecutor(executor);
      http.createContext("/search", new SearchEndpoint(json, service, limits));
      http.createContext(ServerUrls.IMAGES, new ImageEndpoint(json, service));
      http.createContext("/health", new HealthEndpoint(json, service));
      http.createContext("/", new StaticEndpoint(json));
      http.start();
      return new CrossmodalServer(http, executor);
    }
  }
}
