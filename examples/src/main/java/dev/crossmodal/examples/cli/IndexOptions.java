package dev.crossmodal.examples.cli;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.VectorIndexFactory;
import dev.crossmodal.core.VectorIndexes;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.workspace.Workspace;
import dev.crossmodal.index.solr.SolrIndexConfig;
import dev.crossmodal.index.solr.SolrIndexFactory;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags that choose where a new workspace keeps its vectors: the flat index (default) or a
 * SolrCloud collection. An existing workspace keeps the index it was made with; later commands
 * ({@code search}, {@code serve}, ...) find it from the workspace alone.
 */
public final class IndexOptions {
  @Option(
      names = "--index",
      paramLabel = "flat|solr",
      description = "Where a new workspace keeps its vectors: flat (default, in the workspace) or solr.")
  String index;

  @Option(names = "--solr-zk", paramLabel = "HOST:PORT[/chroot]", description = "SolrCloud's ZooKeeper address (with --index solr).")
  String solrZk;

  @Option(names = "--collection", paramLabel = "NAME", description = "Solr collection holding the vectors; created when missing.")
  String collection;

  @Option(names = "--shards", defaultValue = "1", description = "Shards of a new Solr collection (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--replicas", defaultValue = "1", description = "Replicas per shard of a new Solr collection (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--hnsw-max-connections", defaultValue = "16", description = "HNSW graph degree of a new Solr collection (default: ${DEFAULT-VALUE}).")
  int hnswMaxConnections;

  @Option(names = "--hnsw-beam-width", defaultValue = "100", description = "HNSW construction beam of a new Solr collection (default: ${DEFAULT-VALUE}).")
  int hnswBeamWidth;

  /**
   * Opens the workspace at {@code dir} for writing, or creates it there with the index these flags
   * name; an existing workspace without {@code --index} keeps the index it records.
   *
   * @throws InvalidInputException for an unknown index or missing Solr flags
   */
  public Workspace openOrCreate(Path dir, ModelSpec spec, CrossModalModel model) {
    return factory(dir)
        .map(factory -> Workspace.openOrCreate(dir, spec, model, factory))
        .orElseGet(() -> Workspace.openOrCreate(dir, spec, model));
  }

  /** The factory these flags name, or empty to use the one an existing workspace records. */
  private Optional<VectorIndexFactory> factory(Path workspace) {
    if (index == null) {
      if (solrZk != null || collection != null) {
        throw new InvalidInputException("--solr-zk and --collection need --index solr");
      }
      return Workspace.exists(workspace) ? Optional.empty() : Optional.of(VectorIndexes.factory("flat"));
    }
    return switch (index) {
      case "flat" -> Optional.of(VectorIndexes.factory("flat"));
      case SolrIndexFactory.NAME -> {
        if (solrZk == null || collection == null) {
          throw new InvalidInputException("--index solr needs --solr-zk HOST:PORT[/chroot] and --collection NAME");
        }
        try {
          yield Optional.of(
              SolrIndexFactory.create(
                  SolrIndexConfig.builder(solrZk, collection)
                      .shards(shards)
                      .replicas(replicas)
                      .hnswMaxConnections(hnswMaxConnections)
                      .hnswBeamWidth(hnswBeamWidth)
                      .build()));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException(e.getMessage(), e);
        }
      }
      default -> throw new InvalidInputException("--index must be flat or solr, not '" + index + "'");
    };
  }
}
