package dev.crossmodal.eval;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.IdFilter;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.ProgressListener;
import dev.crossmodal.core.ProgressTracker;
import dev.crossmodal.core.SearchHit;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.pipeline.EncodingPipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures cross-modal retrieval on a captioned image set: encodes every image and caption (with
 * the {@link EncodingPipeline}, so decoding overlaps inference), puts
 * each modality in its own index, and ranks every candidate for every query with the index's
 * batched search. Text to image: each caption's positive is its image. Image to text: each image's
 * positives are all of its captions.
 *
 * <pre>{@code
 * RetrievalEvaluator evaluator = RetrievalEvaluator.builder()
 *     .model(model)
 *     .indexes(dimension -> new InMemoryVectorIndex(dimension))
 *     .build();
 * RetrievalReport report = evaluator.evaluate(entries);
 * double r5 = report.textToImage().recallPercentAt(5);
 * }</pre>
 *
 * <p>Images or captions that cannot be encoded are left out and listed in {@link
 * RetrievalReport#skipped()}; so are images left with no caption (they have nothing to retrieve).
 */
public final class RetrievalEvaluator {
  private static final Logger log = LoggerFactory.getLogger(RetrievalEvaluator.class);

  private final CrossModalModel model;
  private final IntFunction<VectorIndex> indexes;
  private final int batchSize;
  private final int queryBatchSize;
  private final ProgressListener listener;

  private RetrievalEvaluator(Builder builder) {
    this.model = Objects.requireNonNull(builder.model, "model");
    this.indexes = Objects.requireNonNull(builder.indexes, "indexes");
    this.batchSize = builder.batchSize;
    this.queryBatchSize = builder.queryBatchSize;
    this.listener = builder.listener;
  }

  /** {@return a builder; the model and the indexes are required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Evaluates the entries' images and captions.
   *
   * @param entries the dataset entries: images with their captions
   * @return the metrics of text-to-image and image-to-text retrieval, and what was skipped
   * @throws InvalidInputException if no image with a caption could be encoded
   */
  public RetrievalReport evaluate(List<DatasetEntry> entries) {
    List<SkippedItem> skipped = new ArrayList<>();
    List<Document> images = new ArrayList<>();
    for (DatasetEntry entry : entries) {
      skipped.addAll(entry.problems());
      if (entry.hasImage()) {
        images.add(entry.image());
      }
    }
    Map<String, float[]> imageVectors =
        encodeAll(model.encoder(Modality.IMAGE), images, "encoding images", skipped);

    List<Document> captions = new ArrayList<>();
    Map<String, String> imageOfCaption = new LinkedHashMap<>();
    for (DatasetEntry entry : entries) {
      if (entry.hasImage() && imageVectors.containsKey(entry.image().id())) {
        for (Document caption : entry.captions()) {
          captions.add(caption);
          imageOfCaption.put(caption.id(), entry.image().id());
        }
      }
    }
    Map<String, float[]> captionVectors =
        encodeAll(model.encoder(Modality.TEXT), captions, "encoding captions", skipped);

    Map<String, Set<String>> captionsOfImage = new LinkedHashMap<>();
    for (String captionId : captionVectors.keySet()) {
      captionsOfImage
          .computeIfAbsent(imageOfCaption.get(captionId), id -> new HashSet<>())
          .add(captionId);
    }
    for (String imageId : List.copyOf(imageVectors.keySet())) {
      if (!captionsOfImage.containsKey(imageId)) {
        imageVectors.remove(imageId);
        skipped.add(new SkippedItem(imageId, "no caption of this image could be used"));
      }
    }
    if (imageVectors.isEmpty()) {
      throw new InvalidInputException(
          "nothing to evaluate: none of the " + images.size() + " images has a usable caption");
    }

    try (VectorIndex imageIndex = indexOf(imageVectors);
        VectorIndex captionIndex = indexOf(captionVectors)) {
      RetrievalMetrics textToImage =
          rank(
              captionVectors,
              imageIndex,
              captionId -> Set.of(imageOfCaption.get(captionId)),
              "ranking images for captions");
      RetrievalMetrics imageToText =
          rank(imageVectors, captionIndex, captionsOfImage::get, "ranking captions for images");
      return new RetrievalReport(
          textToImage, imageToText, imageVectors.size(), captionVectors.size(), skipped);
    }
  }

  private VectorIndex indexOf(Map<String, float[]> vectors) {
    VectorIndex index = indexes.apply(model.dimension());
    index.upsertAll(List.copyOf(vectors.keySet()), vectors.values().toArray(new float[0][]));
    return index;
  }

  private RetrievalMetrics rank(
      Map<String, float[]> queries,
      VectorIndex candidates,
      java.util.function.Function<String, Set<String>> positives,
      String task) {
    // k = every candidate: the rank of the first positive is then always known.
    int k = Math.toIntExact(candidates.size());
    List<String> ids = List.copyOf(queries.keySet());
    float[][] vectors = queries.values().toArray(new float[0][]);
    RetrievalMetrics.Builder metrics = RetrievalMetrics.builder();
    ProgressTracker tracker = new ProgressTracker(task, ids.size(), listener);
    for (int from = 0; from < ids.size(); from += queryBatchSize) {
      int to = Math.min(ids.size(), from + queryBatchSize);
      float[][] chunk = java.util.Arrays.copyOfRange(vectors, from, to);
      List<List<SearchHit>> results = candidates.search(chunk, k, IdFilter.ALL);
      for (int i = 0; i < results.size(); i++) {
        List<String> ranking = results.get(i).stream().map(SearchHit::id).toList();
        metrics.add(ranking, positives.apply(ids.get(from + i)));
      }
      tracker.advance(to - from);
    }
    tracker.finish();
    return metrics.build();
  }

  /** Encodes with the shared pipeline, which prepares batches ahead and skips bad items. */
  private Map<String, float[]> encodeAll(
      Encoder encoder, List<Document> documents, String task, List<SkippedItem> skipped) {
    Map<String, float[]> vectors = new LinkedHashMap<>();
    ProgressTracker tracker = new ProgressTracker(task, documents.size(), listener);
    try (EncodingPipeline pipeline = EncodingPipeline.builder().batchSize(batchSize).build()) {
      pipeline.run(
          encoder,
          documents.iterator(),
          (batch, encoded, bad) -> {
            for (int i = 0; i < batch.size(); i++) {
              vectors.put(batch.get(i).id(), encoded[i]);
            }
            for (SkippedItem item : bad) {
              log.warn("skipping {}: {}", item.item(), item.reason());
            }
            skipped.addAll(bad);
            tracker.advance(batch.size() + bad.size());
          });
    }
    tracker.finish();
    return vectors;
  }

  /** Configures a {@link RetrievalEvaluator}. */
  public static final class Builder {
    private CrossModalModel model;
    private IntFunction<VectorIndex> indexes;
    private int batchSize = 32;
    private int queryBatchSize = 256;
    private ProgressListener listener = ProgressListener.NONE;

    private Builder() {}

    /**
     * The model whose image and text encoders are evaluated (the caller keeps ownership).
     *
     * @param model the model whose image and text encoders are evaluated (the caller keeps
     *     ownership)
     * @return this builder
     */
    public Builder model(CrossModalModel model) {
      this.model = model;
      return this;
    }

    /**
     * Makes an empty index of the given dimension; the evaluator closes what it makes.
     *
     * @param newIndex makes an empty index of the given dimension; the evaluator closes what it
     *     makes
     * @return this builder
     */
    public Builder indexes(IntFunction<VectorIndex> newIndex) {
      this.indexes = newIndex;
      return this;
    }

    /**
     * Documents per encoder call (default 32).
     *
     * @param size documents per encoder call (default 32)
     * @return this builder
     */
    public Builder batchSize(int size) {
      this.batchSize = positive(size, "batch size");
      return this;
    }

    /**
     * Queries per batched index search (default 256); bounds the memory of full rankings.
     *
     * @param size queries per batched index search (default 256); bounds the memory of full
     *     rankings
     * @return this builder
     */
    public Builder queryBatchSize(int size) {
      this.queryBatchSize = positive(size, "query batch size");
      return this;
    }

    /**
     * Reports encoding and search progress to {@code progress}.
     *
     * @param progress reports encoding and search progress to {@code progress}
     * @return this builder
     */
    public Builder listener(ProgressListener progress) {
      this.listener = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** {@return the evaluator these settings describe} */
    public RetrievalEvaluator build() {
      return new RetrievalEvaluator(this);
    }

    private static int positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
