package dev.crossmodal.core.pipeline;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.dataset.SkippedItem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a stream of documents in batches, keeping the model busy: while the model runs on one
 * batch, worker threads already decode and tokenise the next ones ({@link StagedEncoder}). Bad
 * items are skipped and reported, never fatal, and the batch they came in still gets encoded.
 *
 * <pre>{@code
 * try (EncodingPipeline pipeline = EncodingPipeline.builder().batchSize(32).build()) {
 *   pipeline.run(encoder, documents.iterator(), (docs, vectors, skipped) -> index.upsertAll(...));
 * }
 * }</pre>
 *
 * <p>A pipeline can be reused for several runs but one run at a time. Interrupting the calling
 * thread stops a run between batches with {@link CancellationException}.
 */
public final class EncodingPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EncodingPipeline.class);

  /** Receives each encoded batch, on the thread that called {@link #run}. */
  @FunctionalInterface
  public interface BatchSink {
    /**
     * Takes one encoded batch, such as to store its vectors.
     *
     * @param documents the documents that were encoded, in input order
     * @param vectors one vector per document
     * @param skipped the items of this batch that could not be encoded
     */
    void accept(List<Document> documents, float[][] vectors, List<SkippedItem> skipped);
  }

  private final int batchSize;
  private final int prefetchBatches;
  private final ExecutorService workers;

  private EncodingPipeline(Builder b) {
    this.batchSize = b.batchSize;
    this.prefetchBatches = b.prefetchBatches;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "crossmodal-prepare-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.workers = Executors.newFixedThreadPool(b.prepareThreads, factory);
  }

  /** {@return a builder with default settings} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return documents per encoder call} */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Encodes every document from {@code documents} with {@code encoder} and hands each batch to
   * {@code sink}. Documents must all be of the encoder's modality.
   *
   * @param encoder encodes the documents
   * @param documents the documents, read lazily
   * @param sink receives each encoded batch, on the calling thread
   * @throws CancellationException if the calling thread is interrupted
   */
  public void run(Encoder encoder, Iterator<Document> documents, BatchSink sink) {
    if (encoder instanceof StagedEncoder<?> staged) {
      runStaged(staged, documents, sink);
    } else {
      runPlain(encoder, documents, sink);
    }
  }

  private <P> void runStaged(StagedEncoder<P> encoder, Iterator<Document> documents, BatchSink sink) {
    Deque<List<Future<P>>> inFlight = new ArrayDeque<>();
    Deque<List<Document>> inFlightDocs = new ArrayDeque<>();
    try {
      while (documents.hasNext() || !inFlight.isEmpty()) {
        // Keep `prefetchBatches` batches being prepared ahead of the one the model works on.
        while (documents.hasNext() && inFlight.size() <= prefetchBatches) {
          List<Document> batch = nextBatch(documents);
          List<Future<P>> futures = new ArrayList<>(batch.size());
          for (Document document : batch) {
            checkModality(encoder, document);
            futures.add(workers.submit(() -> encoder.prepare(document)));
          }
          inFlight.add(futures);
          inFlightDocs.add(batch);
        }
        List<Future<P>> futures = inFlight.poll();
        List<Document> batch = inFlightDocs.poll();
        List<P> prepared = new ArrayList<>(batch.size());
        List<Document> kept = new ArrayList<>(batch.size());
        List<SkippedItem> skipped = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          try {
            prepared.add(futures.get(i).get());
            kept.add(batch.get(i));
          } catch (ExecutionException e) {
            skipped.add(skip(batch.get(i), e.getCause()));
          }
        }
        checkInterrupted();
        float[][] vectors = prepared.isEmpty() ? new float[0][] : encoder.encodePrepared(prepared);
        sink.accept(kept, vectors, skipped);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("encoding interrupted");
    } finally {
      inFlight.forEach(list -> list.forEach(f -> f.cancel(true)));
    }
  }

  private void runPlain(Encoder encoder, Iterator<Document> documents, BatchSink sink) {
    while (documents.hasNext()) {
      checkInterrupted();
      List<Document> batch = nextBatch(documents);
      batch.forEach(d -> checkModality(encoder, d));
      try {
        sink.accept(batch, encoder.encode(batch), List.of());
      } catch (InvalidInputException batchFailure) {
        // A plain encoder cannot say which item failed without trying them one by one.
        List<Document> kept = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        for (Document document : batch) {
          try {
            vectors.add(encoder.encode(document));
            kept.add(document);
          } catch (InvalidInputException e) {
            skipped.add(skip(document, e));
          }
        }
        sink.accept(kept, vectors.toArray(new float[0][]), skipped);
      }
    }
  }

  private List<Document> nextBatch(Iterator<Document> documents) {
    List<Document> batch = new ArrayList<>(batchSize);
    while (batch.size() < batchSize && documents.hasNext()) {
      batch.add(documents.next());
    }
    return batch;
  }

  private static void checkModality(Encoder encoder, Document document) {
    if (!document.modality().equals(encoder.modality())) {
      throw new IllegalArgumentException(
          "document " + document.id() + " is " + document.modality() + " but the encoder takes "
              + encoder.modality());
    }
  }

  private static SkippedItem skip(Document document, Throwable cause) {
    if (!(cause instanceof InvalidInputException)) {
      // Anything but bad input (a bug, a dead engine) must not be silently reported as a bad item.
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("preparing " + document.describe() + " failed", cause);
    }
    LOG.debug("skipping {}: {}", document.describe(), cause.getMessage());
    return new SkippedItem(document.describe(), cause.getMessage());
  }

  private static void checkInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("encoding interrupted");
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** Configures an {@link EncodingPipeline}. */
  public static final class Builder {
    private int batchSize = 32;
    private int prepareThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int prefetchBatches = 2;

    private Builder() {}

    /**
     * Documents per model call (the seed's {@code request_size}); default 32.
     *
     * @param size documents per model call (the seed's {@code request_size}); default 32
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
     * Threads that decode and tokenise; default: one per processor.
     *
     * @param threads threads that decode and tokenise; default: one per processor
     * @return this builder
     */
    public Builder prepareThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("prepare threads must be at least 1, got " + threads);
      }
      this.prepareThreads = threads;
      return this;
    }

    /**
     * Batches prepared ahead of the model; default 2.
     *
     * @param batches batches prepared ahead of the model; default 2
     * @return this builder
     */
    public Builder prefetchBatches(int batches) {
      if (batches < 0) {
        throw new IllegalArgumentException("prefetch must not be negative, got " + batches);
      }
      this.prefetchBatches = batches;
      return this;
    }

    /** {@return the pipeline these settings describe} */
    public EncodingPipeline build() {
      return new EncodingPipeline(this);
    }
  }
}
