package dev.crossmodal.datasets;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.pipeline.ImageFirstEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a {@link CaptionTable} into {@link DatasetEntry entries}: hashes each image for its id,
 * attaches its captions with ids in row order, and reports what cannot be used (missing or
 * unreadable image files, blank captions, duplicate images) instead of throwing. Shared by every
 * dataset layout so that they all behave alike.
 *
 * <p>Images are hashed lazily as the stream is consumed, so taking the first N entries of a large
 * dataset reads only N images.
 */
final class CaptionedImages {
  private final Path root;

  /** @param root the dataset folder; images are named relative to it in tags and messages */
  CaptionedImages(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Stream<DatasetEntry> entries(CaptionTable table) {
    // Per stream, so that two passes over a dataset give the same answers.
    Map<String, String> firstNameOfId = new HashMap<>();
    return table.items().stream()
        .map(
            item ->
                switch (item) {
                  case CaptionTable.GroupItem g -> entry(g.group(), firstNameOfId);
                  case CaptionTable.ProblemItem p -> DatasetEntry.problemsOnly(List.of(p.problem()));
                });
  }

  private DatasetEntry entry(CaptionTable.ImageGroup group, Map<String, String> firstNameOfId) {
    Path file = group.file().toAbsolutePath().normalize();
    String where = group.rows().isEmpty() ? relativeName(file) : group.firstLocation() + " (" + group.name() + ")";
    if (!file.startsWith(root)) {
      return DatasetEntry.problemsOnly(
          List.of(new SkippedItem(where, "image path points outside the dataset folder " + root)));
    }
    if (!Files.isRegularFile(file)) {
      String problem =
          Files.exists(file)
              ? "not a regular file (a folder, FIFO, device or socket), not read: " + file
              : "image file not found: " + file;
      return DatasetEntry.problemsOnly(List.of(new SkippedItem(where, problem + captionsLost(group))));
    }
    String sourceName = relativeName(file);
    String imageId;
    try {
      imageId = DocumentIds.imageId(file);
    } catch (IOException | RuntimeException e) {
      return DatasetEntry.problemsOnly(
          List.of(new SkippedItem(sourceName, "cannot read image file: " + e + captionsLost(group))));
    }
    String earlier = firstNameOfId.putIfAbsent(imageId, sourceName);
    if (earlier != null) {
      return DatasetEntry.problemsOnly(
          List.of(
              new SkippedItem(
                  sourceName, "same content as " + earlier + " (duplicate image)" + captionsLost(group))));
    }
    Document image =
        Document.image(imageId, ImageSource.of(file)).withTag(Document.TAG_SOURCE_NAME, sourceName);
    List<Document> captions = new ArrayList<>();
    List<SkippedItem> problems = new ArrayList<>();
    for (int i = 0; i < group.rows().size(); i++) {
      CaptionRow row = group.rows().get(i);
      String text = row.caption().strip();
      if (text.isEmpty()) {
        problems.add(new SkippedItem(row.location(), "empty caption"));
        continue;
      }
      // The index counts every row of the image, blank ones too, so fixing a blank caption later
      // does not shift the ids of the captions after it.
      captions.add(
          Document.text(DocumentIds.captionId(imageId, i), text)
              .withTag(Document.TAG_IMAGE_ID, imageId));
    }
    return new DatasetEntry(image, captions, problems);
  }

  private static String captionsLost(CaptionTable.ImageGroup group) {
    int n = group.rows().size();
    return n == 0 ? "" : ImageFirstEncoding.captionsSkipped(n);
  }

  private String relativeName(Path file) {
    Path rel = file.startsWith(root) ? root.relativize(file) : file;
    String name = rel.toString();
    return rel.getFileSystem().getSeparator().equals("/") ? name : name.replace(rel.getFileSystem().getSeparator(), "/");
  }
}
