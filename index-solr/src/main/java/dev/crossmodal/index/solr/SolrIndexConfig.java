package dev.crossmodal.index.solr;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a SolrCloud index lives and how its collection is made: the ZooKeeper ensemble, the
 * collection, and the layout and HNSW parameters used when the collection has to be created.
 * Credentials are never part of it (they would end up in a workspace manifest): they come from the
 * environment, see {@link SolrCluster}.
 *
 * <pre>{@code
 * SolrIndexConfig config = SolrIndexConfig.builder("zk1:2181,zk2:2181/solr", "photos")
 *     .shards(2).replicas(2).build();
 * }</pre>
 */
public final class SolrIndexConfig {
  private final List<String> zkHosts;
  private final Optional<String> zkChroot;
  private final String collection;
  private final int shards;
  private final int replicas;
  private final int hnswMaxConnections;
  private final int hnswBeamWidth;
  private final int searchBreadth;
  private final int updateBatchSize;

  private SolrIndexConfig(Builder b) {
    this.zkHosts = b.zkHosts;
    this.zkChroot = b.zkChroot;
    this.collection = b.collection;
    this.shards = b.shards;
    this.replicas = b.replicas;
    this.hnswMaxConnections = b.hnswMaxConnections;
    this.hnswBeamWidth = b.hnswBeamWidth;
    this.searchBreadth = b.searchBreadth;
    this.updateBatchSize = b.updateBatchSize;
  }

  /**
   * Starts a configuration.
   *
   * @return a builder with one shard, one replica and default HNSW settings
   * @param zkAddress {@code host:port[,host:port...][/chroot]}, as Solr's own tools take it
   * @param collection the SolrCloud collection that holds the vectors
   */
  public static Builder builder(String zkAddress, String collection) {
    return new Builder(zkAddress, collection);
  }

  /** {@return the ZooKeeper hosts, {@code host:port} each} */
  public List<String> zkHosts() {
    return zkHosts;
  }

  /** {@return the ZooKeeper chroot (such as {@code /solr}), if any} */
  public Optional<String> zkChroot() {
    return zkChroot;
  }

  /** {@return the ZooKeeper address in the form the builder takes, for a manifest or a message} */
  public String zkAddress() {
    return String.join(",", zkHosts) + zkChroot.orElse("");
  }

  /** {@return the collection name} */
  public String collection() {
    return collection;
  }

  /** {@return shards of the collection when this library creates it} */
  public int shards() {
    return shards;
  }

  /** {@return replicas per shard when this library creates the collection} */
  public int replicas() {
    return replicas;
  }

  /**
   * {@return HNSW graph degree ({@code hnswMaxConnections}) of a collection this library creates}
   */
  public int hnswMaxConnections() {
    return hnswMaxConnections;
  }

  /**
   * {@return HNSW construction beam ({@code hnswBeamWidth}) of a collection this library creates}
   */
  public int hnswBeamWidth() {
    return hnswBeamWidth;
  }

  /**
   * {@return candidates each shard's HNSW search collects ({@code topK}) at least, whatever {@code k} is:
   * a wider search finds the true neighbours more often, at some cost in latency}
   */
  public int searchBreadth() {
    return searchBreadth;
  }

  /** {@return documents per update request} */
  public int updateBatchSize() {
    return updateBatchSize;
  }

  @Override
  public String toString() {
    return "solr collection " + collection + " at " + zkAddress();
  }

  /** Configures a {@link SolrIndexConfig}. */
  public static final class Builder {
    private final List<String> zkHosts;
    private final Optional<String> zkChroot;
    private final String collection;
    private int shards = 1;
    private int replicas = 1;
    private int hnswMaxConnections = 16;
    private int hnswBeamWidth = 100;
    private int searchBreadth = 100;
    private int updateBatchSize = 500;

    private Builder(String zkAddress, String collection) {
      Objects.requireNonNull(zkAddress, "zkAddress");
      String address = zkAddress.strip();
      int slash = address.indexOf('/');
      String hosts = slash < 0 ? address : address.substring(0, slash);
      this.zkChroot = slash < 0 || slash == address.length() - 1
          ? Optional.empty()
          : Optional.of(address.substring(slash));
      this.zkHosts = Arrays.stream(hosts.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
      if (zkHosts.isEmpty() || zkHosts.stream().anyMatch(h -> !h.matches("[^:\\s]+:\\d{1,5}"))) {
        throw new IllegalArgumentException(
            "ZooKeeper address '" + zkAddress + "' is not host:port[,host:port...][/chroot]");
      }
      if (collection == null || !collection.matches("[A-Za-z0-9_][A-Za-z0-9._-]*")) {
        throw new IllegalArgumentException(
            "collection name '" + collection + "' must use letters, digits, '.', '_' and '-' only");
      }
      this.collection = collection;
    }

    /**
     * Sets the shards of the collection when this library creates it (default 1).
     *
     * @param n shards
     * @return this builder
     */
    public Builder shards(int n) {
      this.shards = positive("shards", n);
      return this;
    }

    /**
     * Sets the replicas per shard when this library creates the collection (default 1).
     *
     * @param n replicas per shard
     * @return this builder
     */
    public Builder replicas(int n) {
      this.replicas = positive("replicas", n);
      return this;
    }

    /**
     * Sets the HNSW graph degree of a collection this library creates (default 16).
     *
     * @param n the most connections per node
     * @return this builder
     */
    public Builder hnswMaxConnections(int n) {
      this.hnswMaxConnections = positive("hnswMaxConnections", n);
      return this;
    }

    /**
     * Sets the HNSW construction beam of a collection this library creates (default 100).
     *
     * @param n the beam width
     * @return this builder
     */
    public Builder hnswBeamWidth(int n) {
      this.hnswBeamWidth = positive("hnswBeamWidth", n);
      return this;
    }

    /**
     * Sets how many candidates each shard's HNSW search collects at least, whatever {@code k} is (default 100).
     *
     * @param n candidates per search
     * @return this builder
     */
    public Builder searchBreadth(int n) {
      this.searchBreadth = positive("searchBreadth", n);
      return this;
    }

    /**
     * Sets the documents per update request (default 500).
     *
     * @param n documents per request
     * @return this builder
     */
    public Builder updateBatchSize(int n) {
      this.updateBatchSize = positive("updateBatchSize", n);
      return this;
    }

    /** {@return the configuration} */
    public SolrIndexConfig build() {
      return new SolrIndexConfig(this);
    }

    private static int positive(String what, int n) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + n);
      }
      return n;
    }
  }
}
