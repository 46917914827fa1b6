package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.datasets.DocumentIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a workspace knows about an indexed image beyond its vector: its file name and the
 * captions indexed for it. Captions are found by their ids ({@code imageId#0}, {@code #1}, ...,
 * see {@link DocumentIds#captionId}), so a lookup costs a few store reads and always sees the
 * store as it is now, with no second index to keep in step.
 *
 * <pre>{@code
 * IndexedImages images = new IndexedImages(workspace::document);
 * List<String> captions = images.captions("3f2a9c0d1b7e4a55", 5);
 * }</pre>
 */
public final class IndexedImages {
  /**
   * Caption positions probed per image. Skipped captions (empty rows) leave holes in the
   * numbering, so this is larger than the five captions Flickr gives each photo.
   */
  private static final int PROBED_POSITIONS = 16;

  private final Function<String, Optional<Document>> store;

  /** @param store documents by id, such as {@code workspace::document} */
  public IndexedImages(Function<String, Optional<Document>> store) {
    this.store = store;
  }

  /**
   * The image's file name, without folders: from the dataset's name for it if it has one (such
   * as {@code images/1000268201_693b08cb0e.jpg}), else from its source.
   */
  public static String fileName(Document image) {
    String name = image.tag(Document.TAG_SOURCE_NAME).orElseGet(() -> image.image().name());
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  }

  /** The id of the image a caption describes, if it names one. */
  public static Optional<String> imageIdOf(Document caption) {
    return caption.tag(Document.TAG_IMAGE_ID);
  }

  /** Up to {@code max} captions indexed for an image, in their dataset order. */
  public List<String> captions(String imageId, int max) {
    List<String> captions = new ArrayList<>(max);
    for (int i = 0; i < PROBED_POSITIONS && captions.size() < max; i++) {
      store
          .apply(DocumentIds.captionId(imageId, i))
          .filter(d -> d.modality().contentKind() == Modality.ContentKind.TEXT)
          .ifPresent(d -> captions.add(d.text()));
    }
    return captions;
  }

  /** An indexed image by id; empty if there is none or the id names a text. */
  public Optional<Document> image(String id) {
    return store.apply(id).filter(d -> d.modality().contentKind() == Modality.ContentKind.IMAGE);
  }
}
