package dev.crossmodal.index.solr;

import dev.crossmodal.core.InvalidWorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
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

  private SolrCluster(SolrIndexConfig config, CloudSolrClient client) {
    this.config = config;
    this.client = client;
  }

  /** Connects to the cluster named by {@code config}; nothing is created yet. */
  public static SolrCluster connect(SolrIndexConfig config) {
    Http2SolrClient.Builder http =
        new Http2SolrClient.Builder()
            .withConnectionTimeout(15, TimeUnit.SECONDS)
            .withRequestTimeout(120, TimeUnit.SECONDS);
    String user = System.getenv(USER_ENV);
    if (user != null && !user.isEmpty()) {
      String password = System.getenv(PASSWORD_ENV);
      http.withBasicAuthCredentials(user, password == null ? "" : password);
    }
    CloudSolrClient client =
        new CloudHttp2SolrClient.Builder(config.zkHosts(), config.zkChroot())
            .withInternalClientBuilder(http)
            .withZkConnectTimeout(15, TimeUnit.SECONDS)
            .build();
    return new SolrCluster(config, client);
  }

  /** The configuration this cluster was connected with. */
  public SolrIndexConfig config() {
    return config;
  }

  /** The SolrJ client, routed through ZooKeeper. */
  public SolrClient client() {
    return client;
  }

  /**
   * Makes sure the collection exists and holds vectors of {@code dimension}: creates the config
   * set and the collection ({@link SolrIndexConfig#shards()} x {@link SolrIndexConfig#replicas()})
   * when missing, and waits until every replica is active.
   *
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
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("closing the Solr client: {}", e.toString());
    }
  }
}
