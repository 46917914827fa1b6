package dev.crossmodal.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.workspace.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens and creates the Solr indexes of a workspace. The vectors live in the cluster; the path a
 * workspace gives each index (such as {@code vectors-image.solr}) holds a small pointer file: the
 * ZooKeeper address, the collection, the modality and the dimension (never credentials). A
 * workspace made with a configured factory is therefore reopened by {@link #fromPointerFiles()},
 * the factory the {@code solr} provider gives, with no settings at all.
 *
 * <pre>{@code
 * VectorIndexFactory solr = SolrIndexFactory.create(
 *     SolrIndexConfig.builder("zk1:2181/solr", "photos").shards(2).replicas(2).build());
 * Workspace ws = Workspace.openOrCreate(dir, spec, model, solr);
 * }</pre>
 */
public final class SolrIndexFactory implements VectorIndexFactory {
  /** The name recorded in workspace manifests. */
  public static final String NAME = "solr";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FORMAT = "crossmodal-solr-index";
  private static final int VERSION = 1;

  private final SolrIndexConfig config;

  private SolrIndexFactory(SolrIndexConfig config) {
    this.config = config;
  }

  /**
   * {@return a factory that creates new indexes in the cluster and collection of {@code config}}
   *
   * @param config the cluster, collection and collection settings
   */
  public static SolrIndexFactory create(SolrIndexConfig config) {
    return new SolrIndexFactory(config);
  }

  /**
   * {@return a factory that only reopens indexes, from the pointer files a configured factory
   * wrote}
   */
  public static SolrIndexFactory fromPointerFiles() {
    return new SolrIndexFactory(null);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public VectorIndex openOrCreate(Path path, int dimension) {
    String modality = modalityOf(path);
    SolrIndexConfig target;
    if (Files.exists(path)) {
      target = readPointer(path, modality, dimension);
    } else if (config == null) {
      throw new InvalidWorkspaceException(
          path + " is missing: this workspace's Solr index cannot be found (it names the cluster and collection)");
    } else {
      target = config;
    }
    SolrCluster cluster = SolrCluster.connect(target);
    try {
      cluster.ensureCollection(dimension);
      if (!Files.exists(path)) {
        writePointer(path, target, modality, dimension);
      }
      return new SolrVectorIndex(cluster, modality, dimension, true);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code vectors-image.solr} holds the {@code image} vectors. */
  private static String modalityOf(Path path) {
    String file = path.getFileName().toString();
    String prefix = "vectors-";
    String suffix = "." + NAME;
    if (!file.startsWith(prefix) || !file.endsWith(suffix) || file.length() <= prefix.length() + suffix.length()) {
      throw new IllegalArgumentException("a Solr index path looks like vectors-<modality>.solr, not " + file);
    }
    return file.substring(prefix.length(), file.length() - suffix.length());
  }

  private static void writePointer(Path path, SolrIndexConfig config, String modality, int dimension) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("zk", config.zkAddress());
    root.put("collection", config.collection());
    root.put("modality", modality);
    root.put("dimension", dimension);
    root.put("shards", config.shards());
    root.put("replicas", config.replicas());
    root.put("hnsw_max_connections", config.hnswMaxConnections());
    root.put("hnsw_beam_width", config.hnswBeamWidth());
    root.put("search_breadth", config.searchBreadth());
    try {
      AtomicFiles.write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + path + ": " + e.getMessage(), e);
    }
  }

  private static SolrIndexConfig readPointer(Path path, String modality, int dimension) {
    JsonNode root;
    try {
      root = JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new InvalidWorkspaceException(path + " is not a readable Solr index pointer: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
      throw new InvalidWorkspaceException(
          path + " is not a version-" + VERSION + " Solr index pointer (format " + root.path("format").asText()
              + ", version " + root.path("version").asText() + ")");
    }
    if (!modality.equals(root.path("modality").asText()) || root.path("dimension").asInt() != dimension) {
      throw new InvalidWorkspaceException(
          path + " points at " + root.path("modality").asText() + " vectors of dimension "
              + root.path("dimension").asInt() + ", but the workspace expects " + modality + " of dimension "
              + dimension + ": the file was swapped or edited");
    }
    try {
      return SolrIndexConfig.builder(root.path("zk").asText(), root.path("collection").asText())
          .shards(root.path("shards").asInt(1))
          .replicas(root.path("replicas").asInt(1))
          .hnswMaxConnections(root.path("hnsw_max_connections").asInt(16))
          .hnswBeamWidth(root.path("hnsw_beam_width").asInt(100))
          .searchBreadth(root.path("search_breadth").asInt(100))
          .build();
    } catch (IllegalArgumentException e) {
      throw new InvalidWorkspaceException(path + ": " + e.getMessage(), e);
    }
  }
}
