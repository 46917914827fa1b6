package dev.crossmodal.index.solr;

import dev.crossmodal.core.InvalidWorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.solr.client.solrj.impl.CloudLegacySolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.schema.FieldTypeRepresentation;
import org.apache.solr.common.cloud.DocCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a SolrCloud cluster through ZooKeeper, and the one collection of a workspace on
 * it: created with this module's config set when it is missing, checked against the workspace's
 * dimension when it exists.
 *
 * <p>Basic-auth credentials, when the cluster needs them, are read from the environment variables
 * {@value #USER_ENV} and {@value #PASSWORD_ENV}, never from the configuration, so that they are
 * never written into a workspace.
 *
 * <pre>{@code
 * try (SolrCluster cluster = SolrCluster.connect(config)) {
 *   cluster.ensureCollection(512);
 *   VectorIndex images = new SolrVectorIndex(cluster, "image", 512);
 * }
 * }</pre>
 */
public final class SolrCluster implements AutoCloseable {
  /** Environment variable holding the basic-auth user name. */
  public static final String USER_ENV = "CROSSMODAL_SOLR_USER";

  /** Environment variable holding the basic-auth password. */
  public static final String PASSWORD_ENV = "CROSSMODAL_SOLR_PASSWORD";

  private static final Logger LOG = LoggerFactory.getLogger(SolrCluster.class);
  private static final long ACTIVE_TIMEOUT_SECONDS = 120;

  private final SolrIndexConfig config;
  private final CloudSolrClient client;
  private final CloseableHttpClient httpClient;

  private SolrCluster(SolrIndexConfig config, CloudSolrClient client, CloseableHttpClient httpClient) {
    this.config = config;
    this.client = client;
    this.httpClient = httpClient;
  }

  /**
   * Connects to the cluster named by {@code config}; nothing is created yet.
   *
   * <p>The client speaks HTTP through Apache HttpClient (SolrJ's {@code CloudLegacySolrClient}),
   * not SolrJ's Jetty 10 client: applications of this library (the CLI's server among them) run
   * Jetty 12, and the two Jetty lines cannot share a class path.
   *
   * @param config the ZooKeeper address, collection and collection settings
   * @return the connected cluster; close it to release the client
   */
  public static SolrCluster connect(SolrIndexConfig config) {
    HttpClientBuilder http =
        HttpClientBuilder.create()
            .useSystemProperties()
            .setMaxConnPerRoute(32)
            .setMaxConnTotal(128)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectTimeout(15_000)
                    .setSocketTimeout(120_000)
                    .build());
    String user = System.getenv(USER_ENV);
    if (user != null && !user.isEmpty()) {
      String password = System.getenv(PASSWORD_ENV);
      String token =
          Base64.getEncoder()
              .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
      // Pre-emptive, so that every request (updates included) carries it without a 401 round trip.
      http.addInterceptorFirst((HttpRequestInterceptor) (request, context) -> request.setHeader("Authorization", "Basic " + token));
    }
    CloseableHttpClient httpClient = http.build();
    CloudSolrClient client =
        new CloudLegacySolrClient.Builder(config.zkHosts(), config.zkChroot())
            .withHttpClient(httpClient)
            .withZkConnectTimeout(15, TimeUnit.SECONDS)
            .build();
    return new SolrCluster(config, client, httpClient);
  }

  /** {@return the configuration this cluster was connected with} */
  public SolrIndexConfig config() {
    return config;
  }

  /** {@return the SolrJ client, routed through ZooKeeper} */
  public SolrClient client() {
    return client;
  }

  /**
   * Makes sure the collection exists and holds vectors of {@code dimension}: creates the config
   * set and the collection ({@link SolrIndexConfig#shards()} x {@link SolrIndexConfig#replicas()})
   * when missing, and waits until every replica is active.
   *
   * @param dimension the vector dimension
   * @throws InvalidWorkspaceException if the collection exists with another dimension or schema
   * @throws UncheckedIOException if the cluster cannot be reached
   */
  public void ensureCollection(int dimension) {
    String collection = config.collection();
    try {
      List<String> collections = CollectionAdminRequest.listCollections(client);
      if (collections.contains(collection)) {
        int stored = storedDimension();
        if (stored != dimension) {
          throw new InvalidWorkspaceException(
              "Solr collection '" + collection + "' holds vectors of dimension " + stored
                  + ", but this workspace's model has dimension " + dimension
                  + ": use another --collection");
        }
        return;
      }
      SolrConfigSet configSet =
          new SolrConfigSet(dimension, config.hnswMaxConnections(), config.hnswBeamWidth());
      configSet.uploadIfMissing(client);
      LOG.info(
          "creating Solr collection {} ({} shards x {} replicas, config set {})",
          collection, config.shards(), config.replicas(), configSet.name());
      CollectionAdminRequest.createCollection(
              collection, configSet.name(), config.shards(), config.replicas())
          .process(client);
      waitUntilActive();
    } catch (SolrServerException | IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while creating " + collection, e));
    }
  }

  /** Polls the cluster state until every replica of the new collection is active. */
  private void waitUntilActive() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ACTIVE_TIMEOUT_SECONDS);
    while (true) {
      var provider = client.getClusterStateProvider();
      DocCollection state = provider.getCollection(config.collection());
      Set<String> live = provider.getLiveNodes();
      if (state != null
          && state.getSlices().size() == config.shards()
          && state.getSlices().stream()
              .allMatch(s -> s.getReplicas().stream().filter(r -> r.isActive(live)).count()
                  == config.replicas())) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new UncheckedIOException(
            new IOException("Solr collection '" + config.collection()
                + "' did not become active within " + ACTIVE_TIMEOUT_SECONDS + " s"));
      }
      Thread.sleep(200);
    }
  }

  /** The dimension of the collection's vector field, read from its schema. */
  int storedDimension() throws SolrServerException, IOException {
    FieldTypeRepresentation type =
        new SchemaRequest.FieldType(SolrConfigSet.VECTOR_TYPE)
            .process(client, config.collection())
            .getFieldType();
    Map<String, Object> attributes = type == null ? Map.of() : type.getAttributes();
    Object dimension = attributes.get("vectorDimension");
    if (dimension == null) {
      throw new InvalidWorkspaceException(
          "Solr collection '" + config.collection() + "' was not made by crossmodal (no "
              + SolrConfigSet.VECTOR_TYPE + " field type): use another --collection");
    }
    return Integer.parseInt(dimension.toString());
  }

  /** Wraps a client failure into a message that names the cluster. */
  UncheckedIOException unreachable(Exception e) {
    return new UncheckedIOException(
        new IOException(
            "Solr at " + config.zkAddress() + " (collection " + config.collection() + ") failed: "
                + e.getMessage(),
            e));
  }

  @Override
  public void close() {
    try (httpClient) {
      client.close();
    } catch (IOException e) {
      LOG.warn("closing the Solr client: {}", e.toString());
    }
  }
}
