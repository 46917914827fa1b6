package dev.crossmodal.core.pipeline;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.IndexReport;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.ProgressListener;
import dev.crossmodal.core.ProgressTracker;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a workspace: reads documents, batches them, encodes each modality with its encoder,
 * adds the vectors to that modality's index and the documents to the store, reporting progress
 * and skipping bad items.
 *
 * <p>Indexing is idempotent and resumable: documents whose id is already stored are not encoded
 * again, and the workspace is committed at checkpoints, so a re-run after a crash (even {@code kill
 * -9}) only adds what is missing. {@link #cancel()} (from another thread, such as a shutdown hook)
 * stops after the current batch and commits what was done.
 *
 * <pre>{@code
 * Indexer indexer = Indexer.builder(workspace, model).batchSize(32).progress(System.err::println).build();
 * IndexReport report = indexer.index(Flickr8kDataset.kaggle(dir), 1000);
 * }</pre>
 */
public final class Indexer {
  private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

  /** Texts go to their encoder this many batches at a time (see {@link ImageFirstEncoding}). */
  static final int TEXT_BATCH_FACTOR = ImageFirstEncoding.TEXT_BATCH_FACTOR;
  /** The largest batch size: text batches are {@value #TEXT_BATCH_FACTOR} times larger, and must fit an int. */
  public static final int MAX_BATCH_SIZE = 65_536;

  /**
   * A dataset is read and indexed this many image batches at a time. Each window ends with the
   * pipeline draining, so a window must be long enough for that to be a small cost.
   */
  static final int IMAGE_WINDOW_BATCHES = 16;

  /** Text batches (of {@code textBatchSize}) in one window of a dataset. */
  static final int TEXT_WINDOW_BATCHES = 8;

  private final Workspace workspace;
  private final CrossModalModel model;
  private final int batchSize;
  /** The entries being read by {@link #index(Dataset, long)}, for {@link #cancel()} to close. */
  private volatile Stream<DatasetEntry> openEntries;
  private final int textBatchSize;
  private final int prepareThreads;
  private final Duration checkpointInterval;
  private final long checkpointDocuments;
  private final ProgressListener progress;
  private volatile boolean cancelled;

  private Indexer(Builder b) {
    this.workspace = b.workspace;
    this.model = b.model;
    this.batchSize = b.batchSize;
    this.textBatchSize = ImageFirstEncoding.textBatchSize(b.batchSize, b.textBatchSize);
    this.prepareThreads = b.prepareThreads;
    this.checkpointInterval = b.checkpointInterval;
    this.checkpointDocuments = b.checkpointDocuments;
    this.progress = b.progress;
    workspace.requireModel(model);
  }

  /**
   * {@return a builder for an indexer writing {@code model}'s vectors into {@code workspace}}
   *
   * @param workspace where vectors and documents are stored
   * @param model encodes the documents
   */
  public static Builder builder(Workspace workspace, CrossModalModel model) {
    return new Builder(workspace, model);
  }

  /** Asks a running {@link #index} call to stop after its current batch and commit. */
  public void cancel() {
    cancelled = true;
    // A dataset may be busy scanning (a huge folder tree) before it yields any entry: closing
    // its stream tells it to stop.
    Stream<DatasetEntry> open = openEntries;
    if (open != null) {
      open.close();
    }
  }

  /**
   * Indexes the first {@code limit} items of a dataset (all if {@code limit < 0}): an item is an
   * image with its captions, or a text of a text-only dataset.
   *
   * <p>The dataset is read lazily, one window of entries at a time (at most {@value
   * #IMAGE_WINDOW_BATCHES} image batches or {@value #TEXT_WINDOW_BATCHES} text batches), so the
   * heap holds that window and the batches in flight, whatever the size of the dataset.
   *
   * @param dataset the dataset, read lazily
   * @param limit how many items to index, or a negative number for all
   * @return what was indexed and skipped
   */
  public IndexReport index(Dataset dataset, long limit) {
    int imageWindow = IMAGE_WINDOW_BATCHES * batchSize;
    int textWindow = TEXT_WINDOW_BATCHES * textBatchSize;
    try (Run run = new Run(-1);
        Stream<DatasetEntry> entries = dataset.entries()) {
      LOG.info("indexing {}", dataset.name());
      openEntries = entries;
      if (cancelled) {
        entries.close();
      }
      Iterator<DatasetEntry> it = entries.iterator();
      List<Document> window = new ArrayList<>();
      int windowImages = 0;
      int windowTexts = 0;
      long items = 0;
      while (run.goesOn() && (limit < 0 || items < limit) && hasNext(it)) {
        DatasetEntry entry = it.next();
        run.skipped.addAll(entry.problems());
        if (entry.hasImage()) {
          window.add(entry.image());
          windowImages++;
        }
        window.addAll(entry.captions());
        windowTexts += entry.captions().size();
        if (entry.hasImage() || !entry.captions().isEmpty()) {
          items++;
        }
        if (windowImages >= imageWindow || windowTexts >= textWindow) {
          run.index(window);
          window.clear();
          windowImages = 0;
          windowTexts = 0;
        }
      }
      if (run.goesOn() && !window.isEmpty()) {
        run.index(window);
      }
      return run.finish();
    } finally {
      openEntries = null;
    }
  }

  /**
   * Whether the dataset has another entry. {@link #cancel()} closes the dataset's stream, which may
   * make a read in progress fail: after a cancel that is the end of the input, not an error.
   */
  private boolean hasNext(Iterator<DatasetEntry> it) {
    try {
      return it.hasNext();
    } catch (RuntimeException e) {
      if (cancelled) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Indexes documents of any modality the model can encode. The list is one window: captions may
   * come before or after their images.
   *
   * @param documents the documents to index
   * @return what was indexed and skipped
   */
  public IndexReport index(List<Document> documents) {
    try (Run run = new Run(documents.size())) {
      run.index(documents);
      return run.finish();
    }
  }

  /** One call of {@link #index}: its encoding step, counts, skipped items and checkpoints. */
  private final class Run implements AutoCloseable {
    private final long start = System.nanoTime();
    private final List<SkippedItem> skipped = new ArrayList<>();
    private final Map<Modality, Long> indexed = new LinkedHashMap<>();
    private final ProgressTracker tracker;
    /** Remembers failed images across windows, so their captions are left out even in a later one. */
    private final ImageFirstEncoding encoding =
        ImageFirstEncoding.builder(model)
            .batchSize(batchSize)
            .textBatchSize(textBatchSize)
            .prepareThreads(prepareThreads)
            .stopWhen(() -> cancelled)
            .build();
    private long alreadyPresent;
    private long lastCheckpoint = System.nanoTime();
    private long sinceCheckpoint;
    private boolean interrupted;
    private final boolean streamed;

    /** @param total documents to index, or -1 when the input is streamed */
    Run(long total) {
      this.tracker = new ProgressTracker("indexing", total, progress);
      this.streamed = total < 0;
    }

    boolean goesOn() {
      return !interrupted && !cancelled;
    }

    /** Indexes one window of documents: images first, so that a failed image's captions can be left out. */
    void index(List<Document> window) {
      List<Document> todo = new ArrayList<>(window.size());
      Set<String> seen = new HashSet<>();
      for (Document document : window) {
        // Earlier windows are in the store already; `seen` catches repeats within this one.
        if (!seen.add(document.id()) || workspace.documents().contains(document.id())) {
          alreadyPresent++;
          tracker.advance(1);
          continue;
        }
        if (!model.modalities().contains(document.modality())
            || workspace.findIndex(document.modality()).isEmpty()) {
          skipped.add(
              new SkippedItem(document.describe(), "no encoder or index for modality " + document.modality()));
          tracker.advance(1);
          continue;
        }
        todo.add(document);
      }
      LOG.debug("window of {} documents; {} already indexed so far in this run", window.size(), alreadyPresent);
      try {
        encoding.encode(todo, skipped, new ImageFirstEncoding.BatchSink() {
          @Override
          public void accept(Modality modality, List<Document> docs, float[][] vectors, List<SkippedItem> bad) {
            store(modality, docs, vectors, bad);
          }

          @Override
          public void captionsLeftOut(Modality modality, int captions) {
            tracker.advance(captions);
          }
        });
      } catch (CancellationException e) {
        interrupted = true;
      }
    }

    /** Stores one encoded batch, committing at checkpoints. */
    private void store(Modality modality, List<Document> docs, float[][] vectors, List<SkippedItem> bad) {
      workspace.index(modality).upsertAll(docs.stream().map(Document::id).toList(), vectors);
      workspace.documents().putAll(docs);
      indexed.merge(modality, (long) docs.size(), Long::sum);
      bad.forEach(s -> LOG.warn("skipped {}: {}", s.item(), s.reason()));
      tracker.advance(docs.size() + bad.size());
      sinceCheckpoint += docs.size();
      if (sinceCheckpoint >= checkpointDocuments
          || System.nanoTime() - lastCheckpoint >= checkpointInterval.toNanos()) {
        workspace.commit();
        lastCheckpoint = System.nanoTime();
        sinceCheckpoint = 0;
      }
    }

    IndexReport finish() {
      interrupted |= cancelled;
      workspace.commit();
      if (streamed) {
        tracker.total(tracker.done());
      }
      tracker.finish();
      if (interrupted) {
        LOG.warn("indexing interrupted; what was done is saved: run the same command again to finish");
      }
      return new IndexReport(
          indexed, alreadyPresent, skipped, Duration.ofNanos(System.nanoTime() - start), interrupted);
    }

    @Override
    public void close() {
      encoding.close();
    }
  }

  /** Configures an {@link Indexer}. */
  public static final class Builder {
    private final Workspace workspace;
    private final CrossModalModel model;
    private int batchSize = 32;
    private int textBatchSize;
    private int prepareThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private Duration checkpointInterval = Duration.ofSeconds(30);
    private long checkpointDocuments = 100_000;
    private ProgressListener progress = ProgressListener.NONE;

    private Builder(Workspace workspace, CrossModalModel model) {
      this.workspace = workspace;
      this.model = model;
    }

    /**
     * Documents per model call; default 32.
     *
     * @param size documents per model call; default 32
     * @return this builder
     */
    public Builder batchSize(int size) {
      if (size < 1 || size > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException(
            "batch size must be from 1 to " + MAX_BATCH_SIZE + ", got " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * Texts handed to the text encoder at once; default {@code 8 x batchSize}, so that encoders
     * can group captions by length.
     *
     * @param size texts handed to the text encoder at once; default {@code 8 x batchSize}, so that
     *     encoders can group captions by length
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
     * Threads that decode images and tokenise text ahead of the model.
     *
     * @param threads threads that decode images and tokenise text ahead of the model
     * @return this builder
     */
    public Builder prepareThreads(int threads) {
      this.prepareThreads = threads;
      return this;
    }

    /**
     * How often work in progress is committed; default 30 s.
     *
     * @param interval how often work in progress is committed; default 30 s
     * @return this builder
     */
    public Builder checkpointInterval(Duration interval) {
      if (interval == null || interval.isNegative()) {
        throw new IllegalArgumentException("checkpoint interval must be zero or positive, got " + interval);
      }
      this.checkpointInterval = interval;
      return this;
    }

    /**
     * After how many new documents work in progress is committed, whatever the time; default
     * 100,000. Changes wait in memory until a commit, so this bounds the heap a fast encoder
     * (or a model-free test model) fills between two timed checkpoints.
     *
     * @param documents after how many new documents work in progress is committed, whatever the
     *     time; default 100,000
     * @return this builder
     */
    public Builder checkpointDocuments(long documents) {
      if (documents < 1) {
        throw new IllegalArgumentException("checkpoint documents must be at least 1, got " + documents);
      }
      this.checkpointDocuments = documents;
      return this;
    }

    /**
     * Reports reading and encoding progress to {@code listener}.
     *
     * @param listener reports reading and encoding progress to {@code listener}
     * @return this builder
     */
    public Builder progress(ProgressListener listener) {
      this.progress = listener;
      return this;
    }

    /** {@return the indexer these settings describe} */
    public Indexer build() {
      return new Indexer(this);
    }
  }
}
