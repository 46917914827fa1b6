package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal bench serve}: load-tests a running server's {@code POST /search} with N
 * concurrent clients sending M requests each, and reports latency percentiles and throughput.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Load-tests POST /search of a running server: p50/p99 latency under concurrent clients.")
public final class BenchServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private static final List<String> QUERIES =
      List.of(
          "a boy playing basketball",
          "a dog runs on the beach",
          "two people riding bicycles down a street",
          "a child in a red shirt jumping into a pool",
          "a man climbing a rock wall",
          "a black and white dog playing in the snow",
          "a group of people standing in front of a building",
          "a girl in a pink dress");

  @Option(names = "--url", defaultValue = "http://127.0.0.1:45678", description = "Server base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--requests", defaultValue = "100", description = "Requests per client (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--top-k", defaultValue = "10", description = "top_k of every request (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--image", paramLabel = "FILE", description = "Also send this image as a data URI query, every --image-every-th request.")
  Path image;

  @Option(names = "--image-every", defaultValue = "10", description = "With --image: one request in this many is an image query (default: ${DEFAULT-VALUE}).")
  int imageEvery;

  @Option(names = "--warmup", defaultValue = "5", description = "Untimed requests first, so lazy initialisation is not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--json", description = "Print the results as one JSON line on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || requests < 1 || imageEvery < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--clients, --requests and --image-every must be at least 1");
    }
    URI search = URI.create(url.replaceAll("/+$", "") + "/search");
    String imageBody = image == null ? null : body("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(image)));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    for (int i = 0; i < warmup; i++) {
      send(http, search, body(QUERIES.get(i % QUERIES.size())));
    }
    long[] latencies = new long[clients * requests];
    int[] errors = new int[clients];
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < requests; r++) {
                    int n = client * requests + r;
                    String requestBody =
                        imageBody != null && n % imageEvery == 0 ? imageBody : body(QUERIES.get(n % QUERIES.size()));
                    long t0 = System.nanoTime();
                    boolean ok = send(http, search, requestBody);
                    latencies[n] = System.nanoTime() - t0;
                    if (!ok) {
                      errors[client]++;
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    int failed = Arrays.stream(errors).sum();
    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("clients", clients);
    result.put("requests", latencies.length);
    result.put("errors", failed);
    result.put("p50_ms", millis(percentile(latencies, 50)));
    result.put("p90_ms", millis(percentile(latencies, 90)));
    result.put("p99_ms", millis(percentile(latencies, 99)));
    result.put("max_ms", millis(latencies[latencies.length - 1]));
    result.put("throughput_rps", Math.round(latencies.length / seconds * 10) / 10.0);
    java.io.PrintWriter err = spec.commandLine().getErr();
    err.printf(
        Locale.ROOT,
        "%d clients x %d requests: %d errors, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %.1f requests/s%n",
        clients, requests, failed, result.get("p50_ms").asDouble(), result.get("p90_ms").asDouble(),
        result.get("p99_ms").asDouble(), result.get("max_ms").asDouble(), result.get("throughput_rps").asDouble());
    err.flush();
    if (json) {
      spec.commandLine().getOut().println(result);
      spec.commandLine().getOut().flush();
    }
    return failed == 0 ? 0 : 1;
  }

  private String body(String item) {
    try {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("top_k", topK);
      node.put("mode", "search");
      node.putArray("data").add(item);
      return new ObjectMapper().writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean send(HttpClient http, URI uri, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e5) / 10.0;
  }
}
