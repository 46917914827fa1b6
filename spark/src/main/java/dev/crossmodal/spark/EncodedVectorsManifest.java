package dev.crossmodal.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE_NAME}, beside the Parquet files of an encoding job: which model made the vectors
 * (so that an import loads the same one and refuses a workspace of another), their dimension and
 * counts, and what was skipped. Spark's readers ignore files whose name starts with {@code _}.
 *
 * @param spec the model the vectors were made with
 * @param modelId the model's identity ({@link dev.crossmodal.core.CrossModalModel#id()})
 * @param dimension the vector dimension
 * @param dataset the dataset that was encoded
 * @param images image rows
 * @param texts text rows
 * @param skipped items that were not encoded
 */
public record EncodedVectorsManifest(
    ModelSpec spec, String modelId, int dimension, String dataset, long images, long texts, List<SkippedItem> skipped) {
  /** The file name inside the output folder. */
  public static final String FILE_NAME = "_crossmodal.json";

  private static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the skipped items, so a manifest never changes. */
  public EncodedVectorsManifest {
    skipped = List.copyOf(skipped);
  }

  /**
   * Writes the manifest atomically into {@code dir}.
   *
   * @param dir the encoding job's output folder
   * @throws IOException if the file cannot be written
   */
  public void write(Path dir) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    ObjectNode model = root.putObject("model");
    model.put("provider", spec.provider());
    spec.variantName().ifPresent(v -> model.put("variant", v));
    spec.modelDirectory().ifPresent(d -> model.put("model_dir", d.toString()));
    ObjectNode options = model.putObject("options");
    spec.options().forEach(options::put);
    root.put("model_id", modelId);
    root.put("dimension", dimension);
    root.put("dataset", dataset);
    root.put("images", images);
    root.put("texts", texts);
    var list = root.putArray("skipped");
    skipped.forEach(s -> list.addObject().put("item", s.item()).put("reason", s.reason()));
    AtomicFiles.write(dir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  /**
   * Reads the manifest of an encoding job's output folder.
   *
   * @param dir the encoding job's output folder
   * @return the manifest
   * @throws InvalidInputException if the folder holds no manifest or one of another version
   */
  public static EncodedVectorsManifest read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          dir + " holds no " + FILE_NAME + ": it is not the output of 'crossmodal encode' (or that job did not finish)");
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      int version = root.path("format_version").asInt(-1);
      if (version != FORMAT_VERSION) {
        throw new InvalidInputException(
            file + " has format version " + version + "; this crossmodal reads version " + FORMAT_VERSION);
      }
      JsonNode model = root.path("model");
      ModelSpec spec = ModelSpec.of(model.path("provider").asText());
      if (model.hasNonNull("variant")) {
        spec = spec.withVariant(model.get("variant").asText());
      }
      if (model.hasNonNull("model_dir")) {
        spec = spec.withModelDir(Path.of(model.get("model_dir").asText()));
      }
      Map<String, String> options = new LinkedHashMap<>();
      model.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
      for (var option : options.entrySet()) {
        spec = spec.withOption(option.getKey(), option.getValue());
      }
      List<SkippedItem> skipped = new ArrayList<>();
      root.path("skipped").forEach(s -> skipped.add(new SkippedItem(s.path("item").asText(), s.path("reason").asText())));
      return new EncodedVectorsManifest(
          spec,
          root.path("model_id").asText(),
          root.path("dimension").asInt(),
          root.path("dataset").asText(),
          root.path("images").asLong(),
          root.path("texts").asLong(),
          skipped);
    } catch (IOException e) {
      throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
    }
  }
}
