package dev.crossmodal.solrtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link LocalSolrCloud} in a child JVM, for tests whose own class path cannot hold Solr's server
 * (Jetty 10 beside Jetty 12). Uses only the JDK, so a test needs this module's jar and nothing of
 * its dependencies.
 *
 * <pre>{@code
 * try (SolrCloudProcess solr = SolrCloudProcess.start(2)) {
 *   String zk = solr.zkAddress();
 * }
 * }</pre>
 */
public final class SolrCloudProcess implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 300;

  private final Process process;
  private final String zkAddress;
  private final java.util.concurrent.BlockingQueue<String> lines;

  private SolrCloudProcess(Process process, String zkAddress, java.util.concurrent.BlockingQueue<String> lines) {
    this.process = process;
    this.zkAddress = zkAddress;
    this.lines = lines;
  }

  /** Starts a cluster of {@code nodes} Solr nodes and waits until it is ready. */
  public static SolrCloudProcess start(int nodes) {
    String classpath = ownLocation() + java.io.File.pathSeparator + dependencies();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log;
    try {
      log = Files.createTempFile("crossmodal-solrcloud-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx1g",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    classpath,
                    LocalSolrCloud.class.getName(),
                    Integer.toString(nodes)))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process process = builder.start();
      java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
      CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(process.getInputStream(), lines));
      try {
        String zk = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (zk == null) {
          throw new IllegalStateException("the SolrCloud process exited before it was ready (exit " + process.waitFor() + ")");
        }
        return new SolrCloudProcess(process, zk, lines);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new IllegalStateException("SolrCloud did not start (its log: " + log + "): " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + java, e);
    }
  }

  /** The cluster's ZooKeeper address, {@code host:port/solr}. */
  public String zkAddress() {
    return zkAddress;
  }

  /** Stops one Solr node (0-based), as a crash of that machine would, and waits until it is down. */
  public void stopNode(int node) {
    try {
      var stdin = process.getOutputStream();
      stdin.write(("stop " + node + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      String answer = lines.poll(120, TimeUnit.SECONDS);
      if (!(LocalSolrCloud.STOPPED + node).equals(answer)) {
        throw new IllegalStateException("node " + node + " did not stop (answer: " + answer + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping node " + node, e);
    }
  }

  /** Stops the cluster (the child's shutdown hook shuts Solr down) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads the child's stdout up to the ready line, then hands every later line to {@code lines}
   * (answers to commands), so the child never blocks on a full pipe.
   */
  private static String readyLine(InputStream out, java.util.concurrent.BlockingQueue<String> lines) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith(LocalSolrCloud.READY)) {
          String zk = line.substring(LocalSolrCloud.READY.length()).strip();
          Thread drain = new Thread(() -> {
            try {
              String next;
              while ((next = reader.readLine()) != null) {
                lines.add(next);
              }
            } catch (IOException ignored) {
              // the child is gone
            }
          }, "solrcloud-stdout");
          drain.setDaemon(true);
          drain.start();
          return zk;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ownLocation() {
    try {
      return Path.of(SolrCloudProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String dependencies() {
    try (InputStream in = SolrCloudProcess.class.getResourceAsStream("classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException("classpath.txt missing: build crossmodal-solr-test-cluster with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
