package dev.crossmodal.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny stand-in for the hub on 127.0.0.1 (ephemeral port), serving files in the hub's URL
 * layout and recording the requests it gets.
 */
final class FakeHub implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** One request as the server saw it. */
  record Request(String path, String range, String authorization) {}

  /** How a path answers. */
  interface Route {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Range"),
            exchange.getRequestHeaders().getFirst("Authorization")));
        Route route = routes.get(path);
        if (route == null) {
          exchange.getResponseHeaders().add("X-Error-Message", "Entry not found");
          exchange.sendResponseHeaders(404, -1);
        } else {
          route.handle(exchange);
        }
      }
    });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeHub route(String path, Route route) {
    routes.put(path, route);
    return this;
  }

  /** Serves {@code body} with extra headers, honouring {@code Range: bytes=N-} if asked to. */
  static Route file(byte[] body, boolean honourRange, String... headers) {
    return exchange -> {
      for (int i = 0; i < headers.length; i += 2) {
        exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      String range = exchange.getRequestHeaders().getFirst("Range");
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (honourRange && m != null && m.matches()) {
        int from = Integer.parseInt(m.group(1));
        if (from >= body.length) {
          exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        exchange.sendResponseHeaders(206, body.length - from);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body, from, body.length - from);
        }
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    };
  }

  /** Redirects to {@code location}, with extra headers on the redirect (as the hub does for LFS). */
  static Route redirect(String location, String... headers) {
    return exchange -> {
      for (int i = 0; i < headers.length; i += 2) {
        exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      exchange.getResponseHeaders().add("Location", location);
      exchange.sendResponseHeaders(302, -1);
    };
  }

  /** Announces the whole body but sends only its first {@code cut} bytes on the first request. */
  static Route breaksOnce(byte[] body, int cut, Route afterwards) {
    AtomicInteger calls = new AtomicInteger();
    return exchange -> {
      if (calls.getAndIncrement() > 0) {
        afterwards.handle(exchange);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, cut);
      out.flush();
      // Drop the connection mid-body, as a lost network would.
      throw new IOException("simulated connection loss");
    };
  }

  static Route status(int code) {
    return exchange -> exchange.sendResponseHeaders(code, -1);
  }

  long count(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
