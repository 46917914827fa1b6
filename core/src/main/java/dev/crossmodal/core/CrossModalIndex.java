package dev.crossmodal.core;

import dev.crossmodal.core.dataset.DatasetFormats;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.core.workspace.RecordedModel;
import dev.crossmodal.core.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A searchable collection of images and texts on disk, with the model that encodes them: the one
 * object most applications need. It owns a {@link Workspace}, the {@link CrossModalModel} and a
 * {@link Searcher}; close it to release the model's native memory and the workspace lock.
 *
 * <pre>{@code
 * try (CrossModalIndex index = CrossModalIndex.openOrCreate(Path.of("ws"), ModelSpec.of("clip").withModelDir(dir))) {
 *   IndexReport report = index.addDataset("flickr8k", dataDir);
 *   List<Match> images = index.searchText("a dog on the beach", 5);     // text -> images
 *   List<Match> captions = index.searchImage(Path.of("dog.jpg"), 5);   // image -> captions
 *   List<Match> similar = index.similarImages(Path.of("dog.jpg"), 5);  // image -> images
 * }
 * CrossModalIndex.open(Path.of("ws"));   // reopens with the model recorded in the workspace
 * }</pre>
 *
 * <p>The workspace is the same one the {@code crossmodal} command line reads: {@code crossmodal
 * search --workspace ws --text "a dog"} finds the model through the workspace. Indexes are found by
 * name through {@link VectorIndexProvider}s and dataset formats through {@link
 * dev.crossmodal.core.dataset.DatasetProvider}s, so the artifacts {@code crossmodal-index-flat} and
 * {@code crossmodal-datasets} must be on the class path for a new workspace and for {@link
 * #addDataset}. {@link Indexer}, {@link Searcher} and {@link Workspace} remain available for what
 * this class does not cover (progress listeners, batch sizes, custom modalities, cancelling).
 *
 * <p>Searches are thread-safe; adding is not meant to run beside another add.
 */
public final class CrossModalIndex implements AutoCloseable {
  private final Workspace workspace;
  private final CrossModalModel model;
  private final Searcher searcher;

  private CrossModalIndex(Workspace workspace, CrossModalModel model) {
    this.workspace = workspace;
    this.model = model;
    this.searcher = new Searcher(workspace, model);
  }

  /**
   * Opens the workspace in {@code dir}, or creates it for the model {@code spec} describes. The
   * workspace records the model's identity and where it was found (its folder, or hub variant),
   * never run-time options such as threads.
   *
   * @param dir the workspace folder; created if absent
   * @param spec the model to load, and to record in a new workspace
   * @return the open index; close it to release the workspace lock and the model
   * @throws InvalidModelException if the model cannot be loaded
   * @throws InvalidWorkspaceException if the workspace exists and was built with another model, is
   *     damaged, or is being written by another process
   */
  public static CrossModalIndex openOrCreate(Path dir, ModelSpec spec) {
    ModelSpec located = spec.modelDirectory()
        .map(d -> spec.withModelDir(d.toAbsolutePath().normalize()))
        .orElse(spec);
    CrossModalModel model = Models.load(located);
    try {
      return new CrossModalIndex(Workspace.openOrCreate(dir, located, model), model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Opens an existing workspace with the model recorded in it: its folder if it still exists,
   * else the hub cache.
   *
   * @param dir the workspace folder
   * @return the open index; close it to release the workspace lock and the model
   * @throws InvalidWorkspaceException if {@code dir} holds no workspace or a damaged one
   * @throws InvalidModelException if the model cannot be found; {@link #open(Path, Path)} names it
   */
  public static CrossModalIndex open(Path dir) {
    return open(dir, null);
  }

  /**
   * Opens an existing workspace with the model in {@code modelDir} (a folder or file), which must
   * be the model the workspace was built with.
   *
   * @param dir the workspace folder
   * @return the open index; close it to release the workspace lock and the model
   * @param modelDir the model, or {@code null} for the location recorded in the workspace
   * @throws InvalidWorkspaceException if the model is not the one the workspace was built with
   */
  public static CrossModalIndex open(Path dir, Path modelDir) {
    return open(dir, modelDir, Workspace.OpenMode.READ_WRITE);
  }

  /**
   * Opens an existing workspace for searching only: no lock is taken, so it may run beside a
   * process adding to the workspace, and sees what that process last committed.
   *
   * <pre>{@code
   * try (CrossModalIndex index = CrossModalIndex.openReadOnly(Path.of("ws"), null)) {
   *   List<Match> images = index.searchText("a red car", 5);
   * }
   * }</pre>
   *
   * @param dir the workspace folder
   * @return the read-only index; close it to release the model
   * @param modelDir the model, or {@code null} for the location recorded in the workspace
   */
  public static CrossModalIndex openReadOnly(Path dir, Path modelDir) {
    return open(dir, modelDir, Workspace.OpenMode.READ_ONLY);
  }

  private static CrossModalIndex open(Path dir, Path modelDir, Workspace.OpenMode mode) {
    Workspace workspace = Workspace.open(dir, mode);
    try {
      return new CrossModalIndex(workspace, RecordedModel.load(workspace, modelDir));
    } catch (RuntimeException e) {
      workspace.close();
      throw e;
    }
  }

  /**
   * Indexes a dataset in a named layout, images and captions, and commits. Documents already in the
   * workspace are left alone, so adding the same dataset twice indexes it once.
   *
   * @param dir the dataset folder (or file, where the format allows it)
   * @param format a format name the command line knows ({@code flickr8k}, {@code karpathy}, {@code
   *     folder}, ...; {@link DatasetFormats#names()} lists them)
   * @return what was indexed and skipped (unreadable images, empty captions)
   * @throws InvalidInputException if the format is unknown or {@code dir} is not in its layout
   */
  public IndexReport addDataset(String format, Path dir) {
    requireWritable();
    return Indexer.builder(workspace, model).build().index(DatasetFormats.open(format, dir, null), -1);
  }

  /**
   * Indexes every image under {@code dir} (no captions), as {@code addDataset("folder", dir)}.
   *
   * @param dir the folder whose images are indexed, recursively
   * @return what was indexed and skipped
   */
  public IndexReport addFolder(Path dir) {
    return addDataset("folder", dir);
  }

  /**
   * Indexes documents of any modality the model encodes, and commits.
   *
   * <pre>{@code
   * index.add(List.of(Document.image("beach", ImageSource.of(Path.of("beach.jpg"))),
   *     Document.text("beach#0", "a dog runs on the sand")));
   * }</pre>
   *
   * @param documents the documents to index; ids already in the workspace are replaced
   * @return what was indexed and skipped
   */
  public IndexReport add(List<Document> documents) {
    requireWritable();
    return Indexer.builder(workspace, model).build().index(documents);
  }

  /**
   * {@return the {@code k} images closest to a text}
   *
   * @param text the query text
   * @param k how many matches at most
   */
  public List<Match> searchText(String text, int k) {
    return searchText(text, SearchOptions.top(k));
  }

  /**
   * {@return the images (or the chosen modality) closest to a text}
   *
   * @param text the query text
   * @param options how many matches, the least score and the modality searched
   */
  public List<Match> searchText(String text, SearchOptions options) {
    return search(textQuery(text), options, Modality.IMAGE);
  }

  /**
   * {@return the {@code k} captions closest to an image file}
   *
   * @param image the query image file
   * @param k how many matches at most
   */
  public List<Match> searchImage(Path image, int k) {
    return searchImage(image, SearchOptions.top(k));
  }

  /**
   * {@return the captions (or the chosen modality) closest to an image file}
   *
   * @param image the query image file
   * @param options how many matches, the least score and the modality searched
   */
  public List<Match> searchImage(Path image, SearchOptions options) {
    return search(imageQuery(image), options, Modality.TEXT);
  }

  /**
   * {@return the {@code k} images closest to an image file; the image itself comes first if indexed}
   *
   * @param image the query image file
   * @param k how many matches at most
   */
  public List<Match> similarImages(Path image, int k) {
    return similarImages(image, SearchOptions.top(k));
  }

  /**
   * {@return the images closest to an image file}
   *
   * @param image the query image file
   * @param options how many matches, the least score and the modality searched
   */
  public List<Match> similarImages(Path image, SearchOptions options) {
    return search(imageQuery(image), options, Modality.IMAGE);
  }

  /**
   * {@return the {@code k} texts closest to a text}
   *
   * @param text the query text
   * @param k how many matches at most
   */
  public List<Match> similarTexts(String text, int k) {
    return similarTexts(text, SearchOptions.top(k));
  }

  /**
   * {@return the texts closest to a text}
   *
   * @param text the query text
   * @param options how many matches, the least score and the modality searched
   */
  public List<Match> similarTexts(String text, SearchOptions options) {
    return search(textQuery(text), options, Modality.TEXT);
  }

  /** {@return the workspace, for what this class does not cover} */
  public Workspace workspace() {
    return workspace;
  }

  /** {@return the model, for encoding outside a search} */
  public CrossModalModel model() {
    return model;
  }

  /** {@return the searcher, for filters and several target modalities} */
  public Searcher searcher() {
    return searcher;
  }

  /** Closes the model and the workspace; everything added is already committed. */
  @Override
  public void close() {
    try {
      model.close();
    } finally {
      workspace.close();
    }
  }

  private void requireWritable() {
    if (workspace.mode() != Workspace.OpenMode.READ_WRITE) {
      throw new IllegalStateException("workspace " + workspace.directory().orElseThrow()
          + " was opened read-only: open it with CrossModalIndex.open to add documents");
    }
  }

  private List<Match> search(Document query, SearchOptions options, Modality defaultTarget) {
    Set<Modality> targets = options.targets(defaultTarget);
    for (Modality target : targets) {
      if (workspace.findIndex(target).isEmpty()) {
        throw new InvalidInputException("this index has no " + target + " documents (it has "
            + workspace.modalities() + "): choose another modality in SearchOptions");
      }
    }
    List<Match> matches = new ArrayList<>();
    for (Match match : searcher.search(query, options.k(), targets, IdFilter.ALL)) {
      if (match.score() >= options.minScore()) {
        matches.add(match);
      }
    }
    return matches;
  }

  private static Document textQuery(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("the query text is empty");
    }
    return Document.text("query", text);
  }

  private static Document imageQuery(Path image) {
    if (!Files.isRegularFile(image)) {
      throw new InvalidInputException("query image " + image + ": no such file");
    }
    return Document.image("query", ImageSource.of(image));
  }
}
