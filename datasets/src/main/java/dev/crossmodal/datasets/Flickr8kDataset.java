package dev.crossmodal.datasets;

import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Flickr8k in either of its two published layouts.
 *
 * <ul>
 *   <li>{@link #kaggle(Path)}: the Kaggle download, {@code images/} and {@code captions.txt}, a CSV
 *       file with the header {@code image,caption} and five rows per image;
 *   <li>{@link #original(Path)}: the original release, {@code Flicker8k_Dataset/} (sic) and {@code
 *       Flickr8k.token.txt}, lines of {@code name.jpg#n<TAB>caption}.
 * </ul>
 *
 * <p>Every caption of every image is read. Entries come in the order images are first mentioned in
 * the captions file; bad rows and missing or unreadable images are reported in {@link
 * DatasetEntry#problems()}.
 *
 * <pre>{@code
 * Dataset flickr = Flickr8kDataset.kaggle(Path.of("data/flickr8k"));
 * try (Stream<DatasetEntry> entries = flickr.entries()) {
 *   entries.filter(DatasetEntry::hasImage).limit(100).forEach(e -> ...);
 * }
 * }</pre>
 */
public final class Flickr8kDataset implements Dataset {
  static final String KAGGLE_IMAGES = "images";
  static final String KAGGLE_CAPTIONS = "captions.txt";
  static final String ORIGINAL_IMAGES = "Flicker8k_Dataset";
  static final String ORIGINAL_CAPTIONS = "Flickr8k.token.txt";
  private static final String KAGGLE_LAYOUT =
      "a UTF-8 CSV file whose first line is the header image,caption and whose rows are an image"
          + " file name and its caption, such as 1000268201_693b08cb0e.jpg,\"A child in a pink dress\""
          + " (quote captions that contain commas)";
  private static final String ORIGINAL_LAYOUT =
      "UTF-8 lines of an image file name, '#', the caption's number, a TAB and the caption, such as"
          + " 1000268201_693b08cb0e.jpg#0<TAB>A child in a pink dress";

  private enum Layout {
    KAGGLE,
    ORIGINAL
  }

  private final String name;
  private final Path dir;
  private final Path imagesDir;
  private final Path captionsFile;
  private final Layout layout;
  private final Charset encoding;

  private Flickr8kDataset(
      String name, Path dir, Path imagesDir, Path captionsFile, Layout layout, Charset encoding) {
    this.name = name;
    this.dir = dir;
    this.imagesDir = imagesDir;
    this.captionsFile = captionsFile;
    this.layout = layout;
    this.encoding = encoding;
  }

  /**
   * {@return this dataset with its captions file read in {@code charset} instead of UTF-8; bytes not valid
   * in it are an error naming the line either way}
   *
   * @param charset the charset of the captions file
   */
  public Flickr8kDataset withEncoding(Charset charset) {
    return new Flickr8kDataset(name, dir, imagesDir, captionsFile, layout, charset);
  }

  /**
   * {@return Flickr8k as Kaggle ships it: {@code dir/images/} and {@code dir/captions.txt}}
   *
   * @param dir the dataset folder
   * @throws InvalidInputException if the folder or the captions file is missing
   */
  public static Flickr8kDataset kaggle(Path dir) {
    return kaggle("flickr8k", dir);
  }

  /** The Kaggle layout under another dataset name (the bundled toy set uses it). */
  static Flickr8kDataset kaggle(String name, Path dir) {
    String layout = "the Kaggle Flickr8k layout: " + KAGGLE_IMAGES + "/ and " + KAGGLE_CAPTIONS
        + " (CSV with the header image,caption)";
    Path captions = requireLayout(dir, KAGGLE_CAPTIONS, KAGGLE_IMAGES, layout);
    return new Flickr8kDataset(
        name, dir, dir.resolve(KAGGLE_IMAGES), captions, Layout.KAGGLE, StandardCharsets.UTF_8);
  }

  /**
   * {@return Flickr8k in its original layout: {@code dir/Flicker8k_Dataset/} and {@code
   * dir/Flickr8k.token.txt}}
   *
   * @param dir the dataset folder
   * @throws InvalidInputException if the folder or the token file is missing
   */
  public static Flickr8kDataset original(Path dir) {
    String layout = "the original Flickr8k layout: " + ORIGINAL_IMAGES + "/ and " + ORIGINAL_CAPTIONS
        + " (lines of name.jpg#n<TAB>caption)";
    Path captions = requireLayout(dir, ORIGINAL_CAPTIONS, ORIGINAL_IMAGES, layout);
    return new Flickr8kDataset(
        "flickr8k-original", dir, dir.resolve(ORIGINAL_IMAGES), captions, Layout.ORIGINAL,
        StandardCharsets.UTF_8);
  }

  @Override
  public String name() {
    return name + " (" + dir + ")";
  }

  @Override
  public Stream<DatasetEntry> entries() {
    CaptionTable table = new CaptionTable();
    try (Reader reader = StrictTextReader.open(captionsFile, encoding)) {
      int parsed =
          switch (layout) {
            case KAGGLE -> parseKaggleCsv(reader, table);
            case ORIGINAL -> parseTokenFile(reader, table);
          };
      if (parsed == 0) {
        throw new InvalidInputException(
            captionsFile.getFileName() + ": no row could be read as a caption; expected "
                + (layout == Layout.KAGGLE ? KAGGLE_LAYOUT : ORIGINAL_LAYOUT));
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read captions file " + captionsFile + ": " + e.getMessage(), e);
    }
    return new CaptionedImages(dir).entries(table);
  }

  static Path requireLayout(Path dir, String captionsName, String imagesName, String layout) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("dataset folder " + dir + " does not exist; expected " + layout);
    }
    Path captions = dir.resolve(captionsName);
    if (!Files.isRegularFile(captions)) {
      throw new InvalidInputException(
          "dataset folder " + dir + " has no " + captionsName + "; expected " + layout);
    }
    if (!Files.isDirectory(dir.resolve(imagesName))) {
      throw new InvalidInputException(
          "dataset folder " + dir + " has no " + imagesName + "/ folder; expected " + layout);
    }
    return captions;
  }

  /** Returns how many rows named an image file and a caption. */
  private int parseKaggleCsv(Reader reader, CaptionTable table) throws IOException {
    String fileName = captionsFile.getFileName().toString();
    int parsed = 0;
    try (CsvReader csv = new CsvReader(reader)) {
      boolean firstRecord = true;
      for (CsvReader.Record record; (record = csv.next()) != null; ) {
        String location = fileName + ":" + record.line();
        if (firstRecord) {
          firstRecord = false;
          if (!looksLikeRow(record)) {
            requireHeader(record, location);
            continue;
          }
        }
        if (record.error() != null) {
          table.addProblem(new SkippedItem(location, record.error()));
        } else if (record.fields().size() != 2) {
          table.addProblem(new SkippedItem(location, "expected 2 fields (image,caption) but found "
              + record.fields().size() + "; quote captions that contain commas"));
        } else if (addRow(table, record.fields().get(0).strip(), record.fields().get(1), location)) {
          parsed++;
        }
      }
    }
    return parsed;
  }

  /** A headerless file's first row: an image file name and a caption. */
  private static boolean looksLikeRow(CsvReader.Record record) {
    return record.error() == null && record.fields().size() == 2
        && FolderDataset.isImageName(record.fields().get(0).strip());
  }

  /** Refuses a file whose header is not {@code image,caption}: swapped or other columns, {@code ;}. */
  private static void requireHeader(CsvReader.Record record, String location) {
    if (record.error() == null && isHeader(record.fields())) {
      return;
    }
    String found = String.join(",", record.fields());
    if (found.length() > 80) {
      found = found.substring(0, 80) + "...";
    }
    String why =
        record.fields().size() == 2
                && record.fields().get(0).strip().equalsIgnoreCase("caption")
                && record.fields().get(1).strip().equalsIgnoreCase("image")
            ? "the columns are swapped"
            : "it does not name the expected columns";
    throw new InvalidInputException(
        location + ": the header is '" + found + "' but " + why + "; expected " + KAGGLE_LAYOUT);
  }

  private static boolean isHeader(List<String> fields) {
    return fields.size() == 2
        && fields.get(0).strip().toLowerCase(Locale.ROOT).equals("image")
        && fields.get(1).strip().toLowerCase(Locale.ROOT).equals("caption");
  }

  /** Returns how many lines named an image file and a caption. */
  private int parseTokenFile(Reader reader, CaptionTable table) throws IOException {
    String fileName = captionsFile.getFileName().toString();
    int parsed = 0;
    BufferedReader lines = new BufferedReader(reader);
    int lineNumber = 0;
    for (String line; (line = lines.readLine()) != null; ) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      String location = fileName + ":" + lineNumber;
      int tab = line.indexOf('\t');
      int hash = tab < 0 ? -1 : line.lastIndexOf('#', tab);
      if (tab < 0 || hash <= 0) {
        table.addProblem(new SkippedItem(location, "expected name.jpg#n<TAB>caption"));
        continue;
      }
      if (addRow(table, line.substring(0, hash).strip(), line.substring(tab + 1), location)) {
        parsed++;
      }
    }
    return parsed;
  }

  /** Adds a caption row; returns false (and reports it) if it names no image file. */
  private boolean addRow(CaptionTable table, String imageName, String caption, String location) {
    if (imageName.isEmpty()) {
      table.addProblem(new SkippedItem(location, "no image file name"));
      return false;
    }
    Path file;
    try {
      file = imagesDir.resolve(imageName);
    } catch (InvalidPathException e) {
      table.addProblem(new SkippedItem(location, "not a usable file name: " + imageName));
      return false;
    }
    if (!FolderDataset.isImageName(imageName)) {
      table.addProblem(new SkippedItem(location, "'" + abbreviate(imageName)
          + "' is not an image file name (" + String.join(", ", FolderDataset.IMAGE_EXTENSIONS.stream().sorted().toList())
          + "): are the columns swapped?"));
      return false;
    }
    table.addCaption(imageName, file, new CaptionRow(caption, location));
    return true;
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
