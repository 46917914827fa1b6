package dev.crossmodal.core.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.InvalidWorkspaceException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.model.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads and writes {@code manifest.json}. The manifest carries a CRC32C of its own canonical
 * content, so that a hand-edited or half-copied manifest is noticed instead of misread.
 */
final class ManifestFile {
  static final String FILE_NAME = "manifest.json";
  static final String FORMAT = "crossmodal-workspace";
  static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestFile() {}

  static void write(Path dir, Manifest manifest) throws IOException {
    ObjectNode body = toJson(manifest);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", manifest.formatVersion());
    root.set("content", body);
    root.put("crc32c", checksum(body));
    AtomicFiles.write(dir.resolve(FILE_NAME), MAPPER.writeValueAsBytes(root));
  }

  static boolean exists(Path dir) {
    return Files.exists(dir.resolve(FILE_NAME));
  }

  static Manifest read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InvalidWorkspaceException(
          dir + " is not a crossmodal workspace (no " + FILE_NAME + "): run `crossmodal index` to create one");
    } catch (IOException e) {
      throw new InvalidWorkspaceException(
          file + " cannot be read (" + e.getMessage() + "): the workspace is damaged; re-index into a new workspace", e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new InvalidWorkspaceException(file + " is not a crossmodal workspace manifest");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new InvalidWorkspaceException(
          file + " has workspace format version " + version + ", this library reads version " + VERSION
              + ": use a matching crossmodal version or re-index into a new workspace");
    }
    JsonNode body = root.path("content");
    if (!body.isObject() || !checksum((ObjectNode) body).equals(root.path("crc32c").asText())) {
      throw new InvalidWorkspaceException(
          file + " fails its checksum (edited or damaged): re-index into a new workspace");
    }
    try {
      return fromJson(body);
    } catch (RuntimeException e) {
      throw new InvalidWorkspaceException(file + " is malformed: " + e.getMessage(), e);
    }
  }

  private static String checksum(ObjectNode body) {
    try {
      CRC32C crc = new CRC32C();
      crc.update(new ObjectMapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().toHexDigits((int) crc.getValue());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode toJson(Manifest m) {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode model = body.putObject("model");
    model.put("id", m.modelId());
    model.put("provider", m.modelSpec().provider());
    if (m.modelDigest() != null) {
      model.put("digest", m.modelDigest());
    }
    if (m.modelSpec().variant() != null) {
      model.put("variant", m.modelSpec().variant());
    }
    if (m.modelSpec().modelDir() != null) {
      model.put("model_dir", m.modelSpec().modelDir().toAbsolutePath().normalize().toString());
    }
    body.put("dimension", m.dimension());
    body.put("index", m.indexType());
    var modalities = body.putArray("modalities");
    for (Modality modality : m.modalities()) {
      modalities.addObject()
          .put("name", modality.name())
          .put("kind", modality.contentKind().name().toLowerCase(Locale.ROOT));
    }
    ObjectNode counts = body.putObject("counts");
    new java.util.TreeMap<>(m.counts()).forEach(counts::put);
    return body;
  }

  private static Manifest fromJson(JsonNode body) {
    JsonNode model = body.path("model");
    // Run-time options (threads, batch size) written by older versions are not identity: ignored.
    Map<String, String> options = Map.of();
    String dir = model.path("model_dir").asText(null);
    ModelSpec spec =
        new ModelSpec(
            required(model, "provider"),
            model.path("variant").asText(null),
            dir == null ? null : Path.of(dir),
            options);
    List<Modality> modalities = new ArrayList<>();
    for (JsonNode node : body.path("modalities")) {
      modalities.add(
          Modality.of(
              node.path("name").asText(),
              Modality.ContentKind.valueOf(node.path("kind").asText().toUpperCase(Locale.ROOT))));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    body.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
    int dimension = body.path("dimension").asInt(0);
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension missing or not positive");
    }
    return new Manifest(
        VERSION, required(model, "id"), spec, dimension, required(body, "index"), modalities, counts,
        model.path("digest").asText(null));
  }

  private static String required(JsonNode node, String field) {
    String value = node.path(field).asText(null);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("field '" + field + "' missing");
    }
    return value;
  }
}
