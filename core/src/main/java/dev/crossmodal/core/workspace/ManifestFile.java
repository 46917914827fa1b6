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

  /**
   * A manifest as read from disk, with what the last commit covered (null for workspaces written
   * before coverage was recorded) and the raw bytes (to notice a commit made since).
   */
  record Stored(Manifest manifest, CommitCoverage coverage, byte[] raw) {}

  static void write(Path dir, Manifest manifest) throws IOException {
    write(dir, manifest, null);
  }

  static void write(Path dir, Manifest manifest, CommitCoverage coverage) throws IOException {
    ObjectNode body = toJson(manifest);
    if (coverage != null) {
      body.set("files", coverageJson(coverage));
      body.put("commit_pending", coverage.pending());
    }
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
    return load(dir).manifest();
  }

  /** The raw bytes of the manifest, or null if there is none. */
  static byte[] readRaw(Path dir) {
    if (!Files.isRegularFile(dir.resolve(FILE_NAME))) {
      return null;
    }
    try {
      return Files.readAllBytes(dir.resolve(FILE_NAME));
    } catch (IOException e) {
      return null;
    }
  }

  static Stored load(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    JsonNode root;
    byte[] raw;
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new InvalidWorkspaceException(
          file + " is not a regular file: the workspace is damaged; re-index into a new workspace");
    }
    try {
      raw = Files.readAllBytes(file);
      root = MAPPER.readTree(raw);
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
      return new Stored(fromJson(body), coverageFromJson(body), raw);
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

  private static ObjectNode coverageJson(CommitCoverage coverage) {
    ObjectNode files = MAPPER.createObjectNode();
    CommitCoverage.LogCoverage log = coverage.log();
    files.putObject(Workspace.STORE_FILE)
        .put("records", log.records())
        .put("bytes", log.bytes())
        .put("crc32c", log.crc32c());
    new java.util.TreeMap<>(coverage.vectors())
        .forEach(
            (name, vectors) ->
                files.putObject(name)
                    .put("modality", vectors.modality())
                    .put("vectors", vectors.count())
                    .put("bytes", vectors.fingerprint().bytes())
                    .put("fingerprint", vectors.fingerprint().crc32c()));
    return files;
  }

  private static CommitCoverage coverageFromJson(JsonNode body) {
    JsonNode files = body.get("files");
    if (files == null || !files.isObject()) {
      return null;
    }
    JsonNode log = files.path(Workspace.STORE_FILE);
    if (!log.isObject()) {
      throw new IllegalArgumentException("files." + Workspace.STORE_FILE + " missing");
    }
    CommitCoverage.LogCoverage logCoverage =
        new CommitCoverage.LogCoverage(
            log.path("records").asLong(-1), log.path("bytes").asLong(-1), required(log, "crc32c"));
    Map<String, CommitCoverage.VectorsCoverage> vectors = new LinkedHashMap<>();
    files.fields().forEachRemaining(
        e -> {
          if (!e.getKey().equals(Workspace.STORE_FILE)) {
            JsonNode v = e.getValue();
            vectors.put(
                e.getKey(),
                new CommitCoverage.VectorsCoverage(
                    required(v, "modality"),
                    v.path("vectors").asLong(-1),
                    new FileFingerprint(v.path("bytes").asLong(-1), required(v, "fingerprint"))));
          }
        });
    return new CommitCoverage(logCoverage, vectors, body.path("commit_pending").asBoolean(false));
  }

  private static String required(JsonNode node, String field) {
    String value = node.path(field).asText(null);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("field '" + field + "' missing");
    }
    return value;
  }
}
