package dev.crossmodal.datasets;

import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a dataset by the format names the command line uses ({@code --format}).
 *
 * <pre>{@code
 * Dataset data = Datasets.open("karpathy", Path.of("data/flickr30k"), "test");
 * }</pre>
 */
public final class Datasets {
  /** The format names {@link #open} accepts. */
  public static final List<String> FORMATS =
      List.of("flickr8k", "flickr8k-original", "karpathy", "folder", "toy", "lines");

  private Datasets() {}

  /**
   * Opens {@code dir} as a dataset of the given format.
   *
   * @return the dataset, read lazily; close it when done
   * @param format one of {@link #FORMATS}
   * @param dir the dataset folder; for {@code toy} it may be {@code null} ({@link
   *     ToyDataset#DEFAULT_DIR}); for {@code karpathy} it may also be the split file itself; for
   *     {@code lines} it is the text file
   * @param split a Karpathy split ({@code train}, {@code val}, {@code test}, {@code restval}), or
   *     {@code null} for all images; only {@code karpathy} has splits
   * @throws InvalidInputException for an unknown format, a split given to a format without splits,
   *     or a folder that is not in the format's layout
   */
  public static Dataset open(String format, Path dir, String split) {
    return open(format, dir, split, null);
  }

  /**
   * {@link #open(String, Path, String)} with the encoding of a caption text file.
   *
   * @param format one of {@link #FORMATS}
   * @param dir the dataset folder, as {@link #open(String, Path, String)} takes it
   * @param split a Karpathy split, or {@code null} for all images
   * @return the dataset, read lazily; close it when done
   * @param encoding the charset of the captions file of {@code flickr8k} or {@code
   *     flickr8k-original}; {@code null} for UTF-8. Bytes not valid in it are an
   *     error naming the line.
   * @throws InvalidInputException also for an encoding given to a format without a caption text
   *     file
   */
  public static Dataset open(String format, Path dir, String split, java.nio.charset.Charset encoding) {
    Dataset dataset = openUtf8(format, dir, split);
    if (encoding == null) {
      return dataset;
    }
    if (dataset instanceof Flickr8kDataset flickr && !format.equals("toy")) {
      return flickr.withEncoding(encoding);
    }
    throw new InvalidInputException("dataset format '" + format + "' has no caption text file to"
        + " decode: --encoding applies to flickr8k and flickr8k-original");
  }

  private static Dataset openUtf8(String format, Path dir, String split) {
    if (format == null || !FORMATS.contains(format)) {
      throw new InvalidInputException("unknown dataset format '" + format + "'; use one of " + FORMATS);
    }
    if (split != null && !format.equals("karpathy")) {
      throw new InvalidInputException("dataset format '" + format + "' has no splits (split '" + split
          + "' was given); splits come with Karpathy's files: use format karpathy");
    }
    if (dir == null && !format.equals("toy")) {
      throw new InvalidInputException("dataset format '" + format + "' needs a data folder");
    }
    return switch (format) {
      case "flickr8k" -> Flickr8kDataset.kaggle(dir);
      case "flickr8k-original" -> Flickr8kDataset.original(dir);
      case "karpathy" -> Files.isRegularFile(dir)
          ? KarpathyDataset.of(dir.toAbsolutePath().getParent(), dir, split)
          : KarpathyDataset.of(dir, null, split);
      case "folder" -> FolderDataset.of(dir);
      case "toy" -> ToyDataset.of(dir == null ? ToyDataset.DEFAULT_DIR : dir);
      case "lines" -> LinesDataset.of(dir);
      default -> throw new IllegalStateException("format list and switch disagree: " + format);
    };
  }
}
