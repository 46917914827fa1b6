package dev.crossmodal.core.pipeline;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.dataset.SkippedItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoding step shared by the indexer and the Spark job: encodes a window of documents images
 * first, then the other modalities, leaving out the captions of the images that could not be
 * encoded. A caption is indexed only together with the image it describes, as a dataset leaves out
 * the captions of a missing image; the image's {@link SkippedItem} says how many went with it
 * ({@code "...; its 2 captions are skipped"}).
 *
 * <p>A caption names its image with the {@link Document#TAG_IMAGE_ID} tag. Images that failed are
 * remembered for the life of this object, so their captions are left out even when they come in a
 * later window. Texts go to their encoder in larger batches than images ({@link
 * Builder#textBatchSize}), so that an encoder that trims padding can group them by length.
 *
 * <pre>{@code
 * List<SkippedItem> skipped = new ArrayList<>();
 * try (ImageFirstEncoding encoding = ImageFirstEncoding.builder(model).batchSize(32).build()) {
 *   encoding.encode(List.of(photo, captionOfPhoto), skipped,
 *       (modality, documents, vectors, failed) ->
 *           workspace.index(modality).upsertAll(documents.stream().map(Document::id).toList(), vectors));
 * }
 * }</pre>
 *
 * <p>One window at a time: this class is not thread-safe.
 */
public final class ImageFirstEncoding implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFirstEncoding.class);

  /**
   * Texts go to their encoder this many image batches at a time by default: an encoder that trims
   * padding (CLIP on ONNX) groups a larger set by length far better, and still runs the model in
   * its own batches.
   */
  static final int TEXT_BATCH_FACTOR = 8;

  /** Receives each encoded batch, on the thread that called {@link #encode}. */
  @FunctionalInterface
  public interface BatchSink {
    /**
     * Takes one encoded batch of one modality, such as to store its vectors.
     *
     * @param modality the modality of every document in the batch
     * @param documents the documents that were encoded, in input order
     * @param vectors one vector per document
     * @param failed the items of this batch that could not be encoded (already added to the
     *     skipped list given to {@link #encode})
     */
    void accept(Modality modality, List<Document> documents, float[][] vectors, List<SkippedItem> failed);

    /**
     * Told, before a modality's documents are encoded, how many of them were left out because
     * their image could not be encoded; called only once some image has failed, possibly with 0.
     * Does nothing by default.
     *
     * @param modality the modality of the captions
     * @param captions how many captions of that modality were left out
     */
    default void captionsLeftOut(Modality modality, int captions) {}
  }

  private final CrossModalModel model;
  private final EncodingPipeline images;
  private final EncodingPipeline texts;
  private final BooleanSupplier stopRequested;
  /** Images that could not be encoded, by id: their captions are left out, even in a later window. */
  private final Map<String, Document> failedImages = new LinkedHashMap<>();

  private ImageFirstEncoding(Builder b) {
    this.model = b.model;
    this.stopRequested = b.stopRequested;
    int textBatchSize = textBatchSize(b.batchSize, b.textBatchSize);
    this.images = EncodingPipeline.builder().batchSize(b.batchSize).prepareThreads(b.prepareThreads).build();
    try {
      this.texts = EncodingPipeline.builder().batchSize(textBatchSize).prepareThreads(b.prepareThreads).build();
    } catch (RuntimeException e) {
      images.close();
      throw e;
    }
  }

  /** The text batch size in use: {@code requested} if set (above 0), else the default for {@code batchSize}. */
  static int textBatchSize(int batchSize, int requested) {
    return requested > 0 ? requested : TEXT_BATCH_FACTOR * batchSize;
  }

  /**
   * {@return a builder for a step encoding with {@code model}'s encoders}
   *
   * @param model encodes the documents; it must have an encoder for every modality it is given
   */
  public static Builder builder(CrossModalModel model) {
    return new Builder(model);
  }

  /**
   * The text that ends the reason an image was skipped when its captions go with it.
   *
   * @param captions how many captions were skipped with the image, at least 1
   * @return such as {@code "; its 1 caption is skipped"} or {@code "; its 2 captions are skipped"}
   */
  public static String captionsSkipped(int captions) {
    return "; its " + captions + (captions == 1 ? " caption is" : " captions are") + " skipped";
  }

  /**
   * Encodes one window of documents: its images first, then each other modality in the order it
   * first appears, without the captions of images that could not be encoded (in this window or an
   * earlier one). Stops early once the stop condition ({@link Builder#stopWhen}) holds.
   *
   * @param window the documents, of any modalities the model encodes; captions may come before or
   *     after their images
   * @param skipped where the items that could not be encoded are added; the entry of an image whose
   *     captions are left out (the first entry naming it) is amended to say how many
   * @param sink receives each encoded batch
   * @throws CancellationException if the calling thread is interrupted
   */
  public void encode(List<Document> window, List<SkippedItem> skipped, BatchSink sink) {
    Map<Modality, List<Document>> byModality = new LinkedHashMap<>();
    byModality.put(Modality.IMAGE, new ArrayList<>());
    for (Document document : window) {
      byModality.computeIfAbsent(document.modality(), m -> new ArrayList<>()).add(document);
    }
    for (Map.Entry<Modality, List<Document>> group : byModality.entrySet()) {
      if (stopRequested.getAsBoolean()) {
        return;
      }
      encode(group.getKey(), group.getValue(), skipped, sink);
    }
  }

  private void encode(Modality modality, List<Document> documents, List<SkippedItem> skipped, BatchSink sink) {
    if (documents.isEmpty()) {
      return;
    }
    EncodingPipeline pipeline = modality.contentKind() == Modality.ContentKind.TEXT ? texts : images;
    if (!modality.equals(Modality.IMAGE) && !failedImages.isEmpty()) {
      List<Document> kept = withoutCaptionsOfFailedImages(documents, skipped);
      sink.captionsLeftOut(modality, documents.size() - kept.size());
      documents = kept;
    }
    Set<String> encodedIds = new HashSet<>();
    pipeline.run(
        model.encoder(modality),
        untilStopped(documents.iterator()),
        (docs, vectors, failed) -> {
          docs.forEach(d -> encodedIds.add(d.id()));
          skipped.addAll(failed);
          sink.accept(modality, docs, vectors, failed);
        });
    // A stopped run did not try its last images: they have not failed.
    if (modality.equals(Modality.IMAGE) && !stopRequested.getAsBoolean()) {
      documents.stream().filter(d -> !encodedIds.contains(d.id())).forEach(d -> failedImages.put(d.id(), d));
    }
  }

  /**
   * Leaves out the captions of images that could not be encoded, amending each such image's entry
   * in {@code skipped} to say how many captions went with it.
   */
  private List<Document> withoutCaptionsOfFailedImages(List<Document> documents, List<SkippedItem> skipped) {
    List<Document> kept = new ArrayList<>(documents.size());
    Map<String, Integer> lost = new LinkedHashMap<>();
    for (Document document : documents) {
      String imageId = document.tag(Document.TAG_IMAGE_ID).orElse(null);
      if (imageId != null && failedImages.containsKey(imageId)) {
        lost.merge(imageId, 1, Integer::sum);
      } else {
        kept.add(document);
      }
    }
    lost.forEach(
        (imageId, n) -> {
          String item = failedImages.get(imageId).describe();
          for (int i = 0; i < skipped.size(); i++) {
            if (skipped.get(i).item().equals(item)) {
              skipped.set(i, new SkippedItem(item, skipped.get(i).reason() + captionsSkipped(n)));
              break;
            }
          }
          LOG.warn("skipped {} caption(s) of {}: the image could not be encoded", n, item);
        });
    return kept;
  }

  /** Ends the iteration early once the stop condition holds. */
  private Iterator<Document> untilStopped(Iterator<Document> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !stopRequested.getAsBoolean() && it.hasNext();
      }

      @Override
      public Document next() {
        return it.next();
      }
    };
  }

  /** Stops the pipelines' worker threads. */
  @Override
  public void close() {
    images.close();
    texts.close();
  }

  /** Configures an {@link ImageFirstEncoding}. */
  public static final class Builder {
    private final CrossModalModel model;
    private int batchSize = 32;
    private int textBatchSize;
    private int prepareThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private BooleanSupplier stopRequested = () -> false;

    private Builder(CrossModalModel model) {
      this.model = model;
    }

    /**
     * Images per model call; default 32.
     *
     * @param size images per model call; default 32
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
     * Texts handed to the text encoder at once; default 8 times the batch size.
     *
     * @param size texts handed to the text encoder at once; default 8 times the batch size
     * @return this builder
     */
    public Builder textBatchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("text batch size must be at least 1, got " + size);
      }
      this.textBatchSize = size;
      return this;
    }

    /**
     * Threads that decode images and tokenise text ahead of the model; default: one per processor.
     *
     * @param threads threads that decode images and tokenise text ahead of the model
     * @return this builder
     */
    public Builder prepareThreads(int threads) {
      this.prepareThreads = threads;
      return this;
    }

    /**
     * A condition checked as documents are read into batches: once it holds, {@link #encode}
     * finishes the batches in flight and returns without encoding the rest of its window, such as
     * when the user cancels a job.
     *
     * @param condition whether to stop, such as a cancel flag; checked on the encoding thread
     * @return this builder
     */
    public Builder stopWhen(BooleanSupplier condition) {
      this.stopRequested = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /** {@return the encoding step these settings describe} */
    public ImageFirstEncoding build() {
      return new ImageFirstEncoding(this);
    }
  }
}
