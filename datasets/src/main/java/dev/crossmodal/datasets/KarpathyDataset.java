package dev.crossmodal.datasets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Flickr30k, Flickr8k (or COCO) with Andrej Karpathy's split files {@code dataset_flickr30k.json},
 * {@code dataset_flickr8k.json} ({@code dataset_coco.json}): the standard train / val / test splits
 * that published retrieval results use. Only the {@code raw} text of each sentence is read.
 *
 * <p>The images are looked for in {@code dir/images/}, {@code dir/flickr30k-images/} (the official
 * archive), {@code dir/flickr30k_images/flickr30k_images/} (the Kaggle mirror), {@code
 * dir/Flicker8k_Dataset/} and {@code dir} itself (and under an image's {@code filepath}, as COCO
 * has it); whichever holds the most of the listed files is used.
 *
 * <pre>{@code
 * // The 1,000 test images of Flickr30k and their 5,000 captions:
 * Dataset test = KarpathyDataset.of(Path.of("data/flickr30k"), null, "test");
 * }</pre>
 */
public final class KarpathyDataset implements Dataset {
  /** The split names Karpathy's files use. */
  public static final Set<String> SPLITS = Set.of("train", "val", "test", "restval");

  private static final List<String> IMAGE_FOLDERS =
      List.of("images", "flickr30k-images", "flickr30k_images/flickr30k_images", "flickr30k_images",
          "Flicker8k_Dataset", "Flickr8k_Dataset", "");
  private static final int PROBE_IMAGES = 50;
  private static final String LAYOUT = "a Karpathy split file (dataset_flickr30k.json, dataset_flickr8k.json"
      + " or dataset_coco.json) and the image files";

  private record Image(String location, String filename, String filepath, List<String> sentences) {}

  private final Path dir;
  private final Path jsonFile;
  private final String split;

  private KarpathyDataset(Path dir, Path jsonFile, String split) {
    this.dir = dir;
    this.jsonFile = jsonFile;
    this.split = split;
  }

  /**
   * {@return a Karpathy-split dataset}
   *
   * @param dir the dataset folder (the images are found in or under it)
   * @param jsonFile the split file, or {@code null} to use the single {@code dataset_*.json} in
   *     {@code dir}
   * @param split {@code train}, {@code val}, {@code test} or {@code restval}, or {@code null} for
   *     all images
   * @throws InvalidInputException if the folder or split file is missing, or the split unknown
   */
  public static KarpathyDataset of(Path dir, Path jsonFile, String split) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("dataset folder " + dir + " does not exist; expected " + LAYOUT);
    }
    if (split != null && !SPLITS.contains(split)) {
      throw new InvalidInputException(
          "unknown split '" + split + "' for " + dir + "; Karpathy's files have " + SPLITS.stream().sorted().toList());
    }
    Path json = jsonFile != null ? jsonFile : findJson(dir);
    if (!Files.isRegularFile(json)) {
      throw new InvalidInputException("split file " + json + " does not exist; expected " + LAYOUT);
    }
    return new KarpathyDataset(dir, json, split);
  }

  private static Path findJson(Path dir) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "dataset_*.json")) {
      files.forEach(found::add);
    } catch (IOException e) {
      throw new InvalidInputException("cannot list dataset folder " + dir + ": " + e.getMessage(), e);
    }
    if (found.size() != 1) {
      throw new InvalidInputException("dataset folder " + dir + (found.isEmpty()
          ? " has no dataset_*.json; expected " + LAYOUT
          : " has several split files " + found.stream().map(p -> p.getFileName().toString()).sorted().toList()
              + "; name the one to use"));
    }
    return found.get(0);
  }

  @Override
  public String name() {
    return "karpathy " + jsonFile.getFileName() + (split == null ? "" : " split " + split) + " (" + dir + ")";
  }

  @Override
  public Stream<DatasetEntry> entries() {
    CaptionTable table = new CaptionTable();
    List<Image> images = read(table);
    Path imagesDir = locateImages(images);
    for (Image image : images) {
      Path file;
      try {
        Path folder = image.filepath() == null ? imagesDir : imagesDir.resolve(image.filepath());
        file = folder.resolve(image.filename());
        if (image.filepath() != null && !Files.exists(file)) {
          file = imagesDir.resolve(image.filename());
        }
      } catch (InvalidPathException e) {
        table.addProblem(new SkippedItem(image.location() + " (" + image.filename() + ")", "not a usable file name: " + image.filename()));
        continue;
      }
      List<String> sentences = image.sentences();
      if (sentences.isEmpty()) {
        table.addImage(image.filename(), file);
      }
      for (int i = 0; i < sentences.size(); i++) {
        table.addCaption(image.filename(), file, image.location(),
            new CaptionRow(sentences.get(i), image.location() + ".sentences[" + i + "]"));
      }
    }
    return new CaptionedImages(dir).entries(table);
  }

  /** Reads the images of the chosen split, streaming, so a 100 MB file is never one tree. */
  private List<Image> read(CaptionTable table) {
    String fileName = jsonFile.getFileName().toString();
    List<Image> images = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (JsonParser parser = mapper.createParser(jsonFile.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notKarpathy("it is not a JSON object");
      }
      boolean sawImages = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!field.equals("images")) {
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw notKarpathy("\"images\" is not an array");
        }
        sawImages = true;
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          JsonNode node = mapper.readTree(parser);
          String location = fileName + ":images[" + index++ + "]";
          String filename = node.path("filename").asText("");
          if (split != null && !split.equals(node.path("split").asText())) {
            continue;
          }
          if (filename.isBlank()) {
            table.addProblem(new SkippedItem(location, "no filename"));
            continue;
          }
          List<String> sentences = new ArrayList<>();
          for (JsonNode sentence : node.path("sentences")) {
            sentences.add(sentence.path("raw").asText(""));
          }
          String filepath = node.path("filepath").asText(null);
          images.add(new Image(location, filename, filepath, sentences));
        }
      }
      if (!sawImages) {
        throw notKarpathy("it has no \"images\" array");
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read split file " + jsonFile + ": " + e.getMessage(), e);
    }
    return images;
  }

  private InvalidInputException notKarpathy(String why) {
    return new InvalidInputException("split file " + jsonFile + " is not in Karpathy's format: " + why
        + "; expected {\"images\": [{\"filename\", \"split\", \"sentences\": [{\"raw\"}]}]}");
  }

  /** The candidate folder that holds the most of the first few listed images. */
  private Path locateImages(List<Image> images) {
    Path best = null;
    int bestHits = -1;
    List<Image> probe = images.subList(0, Math.min(PROBE_IMAGES, images.size()));
    for (String folderName : IMAGE_FOLDERS) {
      Path folder = folderName.isEmpty() ? dir : dir.resolve(folderName);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      int hits = 0;
      for (Image image : probe) {
        try {
          Path folderOfImage = image.filepath() == null ? folder : folder.resolve(image.filepath());
          if (Files.isRegularFile(folderOfImage.resolve(image.filename()))
              || Files.isRegularFile(folder.resolve(image.filename()))) {
            hits++;
          }
        } catch (InvalidPathException e) {
          // Reported when the entries are built.
        }
      }
      if (hits > bestHits) {
        best = folder;
        bestHits = hits;
      }
    }
    return best;
  }
}
