package dev.crossmodal.spark;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the output of a {@link SparkEncodeJob} into a workspace, as {@code index} would have
 * filled it: the same ids, documents and vectors. Idempotent: documents already in the workspace
 * are left alone, so a re-run (or a run after a crash) adds only what is missing. Rows stream
 * through the driver; the workspace is committed every {@code checkpoint} and at the end.
 *
 * <pre>{@code
 * ImportReport report = VectorImport.builder(workspace, Path.of("vectors")).build().run(spark);
 * }</pre>
 */
public final class VectorImport {
  private static final Logger LOG = LoggerFactory.getLogger(VectorImport.class);

  private final Workspace workspace;
  private final Path vectors;
  private final int batchSize;
  private final Duration checkpoint;

  private VectorImport(Builder b) {
    this.workspace = b.workspace;
    this.vectors = b.vectors;
    this.batchSize = b.batchSize;
    this.checkpoint = b.checkpoint;
  }

  /**
   * Starts an import of the encoding output in {@code vectors} into {@code workspace}.
   *
   * @param workspace the workspace the vectors are added to
   * @param vectors the output folder of a {@link SparkEncodeJob}
   * @return a builder with default settings
   */
  public static Builder builder(Workspace workspace, Path vectors) {
    return new Builder(workspace, vectors);
  }

  /**
   * What an import did.
   *
   * @param imported documents added, per modality name
   * @param alreadyPresent documents that were in the workspace already
   * @param elapsed wall time
   */
  public record ImportReport(Map<String, Long> imported, long alreadyPresent, Duration elapsed) {
    /**
     * {@return documents added of one modality}
     *
     * @param modality the modality counted
     */
    public long imported(Modality modality) {
      return imported.getOrDefault(modality.name(), 0L);
    }
  }

  /**
   * Runs the import.
   *
   * @param spark the session the import reads the vectors with
   * @return the counts imported
   * @throws InvalidInputException if the vectors' dimension is not the workspace's
   */
  public ImportReport run(SparkSession spark) {
    long start = System.nanoTime();
    EncodedVectorsManifest manifest = EncodedVectorsManifest.read(vectors);
    int dimension = workspace.manifest().dimension();
    if (manifest.dimension() != dimension) {
      throw new InvalidInputException(
          vectors + " holds vectors of dimension " + manifest.dimension() + " but the workspace's model has "
              + dimension);
    }
    Map<String, Long> imported = new LinkedHashMap<>();
    long alreadyPresent = 0;
    long lastCommit = System.nanoTime();
    Map<Modality, List<Document>> docs = new LinkedHashMap<>();
    Map<Modality, List<float[]>> vecs = new LinkedHashMap<>();
    Iterator<Row> rows = spark.read().schema(VectorTable.SCHEMA).parquet(vectors.toString()).toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      Document document = VectorTable.toDocument(row);
      if (workspace.documents().contains(document.id())) {
        alreadyPresent++;
        continue;
      }
      docs.computeIfAbsent(document.modality(), m -> new ArrayList<>()).add(document);
      vecs.computeIfAbsent(document.modality(), m -> new ArrayList<>()).add(VectorTable.vector(row));
      if (docs.get(document.modality()).size() >= batchSize) {
        flush(document.modality(), docs, vecs, imported);
        if (System.nanoTime() - lastCommit >= checkpoint.toNanos()) {
          workspace.commit();
          lastCommit = System.nanoTime();
        }
      }
    }
    for (Modality modality : List.copyOf(docs.keySet())) {
      flush(modality, docs, vecs, imported);
    }
    workspace.commit();
    LOG.info("imported {} ({} already present) from {}", imported, alreadyPresent, vectors);
    return new ImportReport(imported, alreadyPresent, Duration.ofNanos(System.nanoTime() - start));
  }

  private void flush(
      Modality modality, Map<Modality, List<Document>> docs, Map<Modality, List<float[]>> vecs, Map<String, Long> imported) {
    List<Document> batch = docs.remove(modality);
    List<float[]> vectorsOfBatch = vecs.remove(modality);
    if (batch == null || batch.isEmpty()) {
      return;
    }
    // Vectors first, then documents: a crash in between leaves vectors without documents, which
    // the workspace reconciles away on open, never documents without vectors.
    workspace.index(modality).upsertAll(batch.stream().map(Document::id).toList(), vectorsOfBatch.toArray(float[][]::new));
    workspace.documents().putAll(batch);
    imported.merge(modality.name(), (long) batch.size(), Long::sum);
  }

  /** Configures a {@link VectorImport}. */
  public static final class Builder {
    private final Workspace workspace;
    private final Path vectors;
    private int batchSize = 1000;
    private Duration checkpoint = Duration.ofSeconds(30);

    private Builder(Workspace workspace, Path vectors) {
      this.workspace = workspace;
      this.vectors = vectors.toAbsolutePath().normalize();
    }

    /**
     * Rows written to the index per call; default 1000.
     *
     * @param size rows written to the index per call; default 1000
     * @return this builder
     */
    public Builder batchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * How often the workspace is committed during the import; default 30 s.
     *
     * @param interval how often the workspace is committed during the import; default 30 s
     * @return this builder
     */
    public Builder checkpointInterval(Duration interval) {
      this.checkpoint = interval;
      return this;
    }

    /** {@return the import} */
    public VectorImport build() {
      return new VectorImport(this);
    }
  }
}
