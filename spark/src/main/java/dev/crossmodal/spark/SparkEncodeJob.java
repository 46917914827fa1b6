package dev.crossmodal.spark;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.model.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a dataset on Spark and writes {@link VectorTable} Parquet plus an {@link
 * EncodedVectorsManifest}: the driver lists the dataset (locations and captions, never pixels),
 * executors decode and encode their partitions with one model each, in batches, and skip bad items
 * as {@code index} does (the captions of an undecodable image go with it). {@code crossmodal
 * import} then loads the output into a workspace exactly as {@code index} would have.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
 * EncodeReport report = SparkEncodeJob.builder(dataset, ModelSpec.of("clip").withModelDir(dir), out)
 *     .limit(1000).build().run(spark);
 * }</pre>
 */
public final class SparkEncodeJob {
  private static final Logger LOG = LoggerFactory.getLogger(SparkEncodeJob.class);

  private final Dataset dataset;
  private final ModelSpec spec;
  private final Path output;
  private final long limit;
  private final int batchSize;
  private final int partitions;

  private SparkEncodeJob(Builder b) {
    this.dataset = b.dataset;
    this.spec = b.spec;
    this.output = b.output;
    this.limit = b.limit;
    this.batchSize = b.batchSize;
    this.partitions = b.partitions;
  }

  /**
   * Starts a job.
   *
   * @return a builder with default settings
   * @param dataset what to encode
   * @param spec the model; its directory must be readable at the same path on every executor
   * @param output the folder to write (replaced if it exists)
   */
  public static Builder builder(Dataset dataset, ModelSpec spec, Path output) {
    return new Builder(dataset, spec, output);
  }

  /**
   * Runs the job on {@code spark} and returns what it wrote.
   *
   * @param spark the session the job runs in
   * @return the counts written and what was skipped
   */
  public EncodeReport run(SparkSession spark) {
    long start = System.nanoTime();
    ModelSpecData specData = ModelSpecData.of(spec);
    // The driver loads the model too: a wrong model directory fails here, before any task runs,
    // and the manifest records the model's identity.
    CrossModalModel model = ExecutorModels.get(specData);
    List<ListedEntry> listing = new ArrayList<>();
    List<SkippedItem> skipped = new ArrayList<>();
    try (Stream<DatasetEntry> entries = dataset.entries()) {
      Iterator<DatasetEntry> it = entries.iterator();
      while (it.hasNext() && (limit < 0 || listing.size() < limit)) {
        DatasetEntry entry = it.next();
        skipped.addAll(entry.problems());
        if (entry.hasImage()) {
          listing.add(ListedEntry.of(entry));
        }
      }
    }
    int slices = partitions > 0 ? partitions : Math.max(1, spark.sparkContext().defaultParallelism());
    LOG.info("encoding {} images of {} in {} partitions", listing.size(), dataset.name(), slices);
    org.apache.spark.sql.Dataset<Row> encoded =
        spark
            .createDataset(listing, Encoders.javaSerialization(ListedEntry.class))
            .repartition(slices)
            .mapPartitions(new PartitionEncoder(specData, batchSize), Encoders.row(PartitionEncoder.OUTPUT))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      String[] columns = java.util.Arrays.stream(VectorTable.SCHEMA.fieldNames()).toArray(String[]::new);
      encoded
          .filter(functions.col("vector").isNotNull())
          .select(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(output.toString());
      for (Row row : encoded.filter(functions.col("vector").isNull()).select("skipped_item", "skipped_reason").collectAsList()) {
        skipped.add(new SkippedItem(row.getString(0), row.getString(1)));
      }
      // One pass over the cached rows for both counts.
      Row counts =
          encoded
              .filter(functions.col("vector").isNotNull())
              .agg(
                  functions.count(functions.col("uri")),
                  functions.count(functions.lit(1)))
              .first();
      long images = counts.getLong(0);
      long texts = counts.getLong(1) - images;
      EncodedVectorsManifest manifest =
          new EncodedVectorsManifest(spec, model.id(), model.dimension(), dataset.name(), images, texts, skipped);
      manifest.write(output);
      return new EncodeReport(images, texts, model.dimension(), skipped, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + output + ": " + e.getMessage(), e);
    } finally {
      encoded.unpersist();
    }
  }

  /** Configures a {@link SparkEncodeJob}. */
  public static final class Builder {
    private final Dataset dataset;
    private final ModelSpec spec;
    private final Path output;
    private long limit = -1;
    private int batchSize = 32;
    private int partitions;

    private Builder(Dataset dataset, ModelSpec spec, Path output) {
      this.dataset = Objects.requireNonNull(dataset, "dataset");
      this.spec = Objects.requireNonNull(spec, "spec");
      this.output = Objects.requireNonNull(output, "output").toAbsolutePath().normalize();
    }

    /**
     * Encodes only the first {@code n} images (and their captions); negative means all.
     *
     * @param n encodes only the first {@code n} images (and their captions); negative means all
     * @return this builder
     */
    public Builder limit(long n) {
      this.limit = n;
      return this;
    }

    /**
     * Images per model call; texts go in batches 8 times larger. Default 32.
     *
     * @param size images per model call; texts go in batches 8 times larger
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
     * Spark partitions; default Spark's default parallelism.
     *
     * @param n spark partitions; default Spark's default parallelism
     * @return this builder
     */
    public Builder partitions(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, got " + n);
      }
      this.partitions = n;
      return this;
    }

    /** {@return the job} */
    public SparkEncodeJob build() {
      return new SparkEncodeJob(this);
    }
  }
}
