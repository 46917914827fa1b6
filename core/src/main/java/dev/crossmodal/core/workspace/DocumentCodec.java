package dev.crossmodal.core.workspace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns documents into JSON and back, for the document store. */
final class DocumentCodec {
  private final ObjectMapper mapper;

  DocumentCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  ObjectNode toJson(Document document) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", document.id());
    node.put("modality", document.modality().name());
    node.put("kind", document.modality().contentKind().name().toLowerCase(java.util.Locale.ROOT));
    if (document.modality().contentKind() == Modality.ContentKind.TEXT) {
      node.put("text", document.text());
    } else {
      ObjectNode image = node.putObject("image");
      switch (document.image()) {
        case ImageSource.FileImage f -> image.put("path", f.path().toAbsolutePath().normalize().toString());
        case ImageSource.UriImage u -> image.put("uri", u.uri().toString());
        case ImageSource.BytesImage b ->
            image.put("name", b.name()).put("bytes", Base64.getEncoder().encodeToString(b.bytes()));
      }
    }
    if (!document.tags().isEmpty()) {
      ObjectNode tags = node.putObject("tags");
      document.tags().forEach(tags::put);
    }
    return node;
  }

  /** A stored document's id and modality. */
  record Identity(String id, Modality modality) {}

  /**
   * Reads only a document's id and modality from its JSON: opening a store of millions of
   * documents needs nothing else, and {@link #toJson} writes those fields first, so the rest of the
   * record (a caption, an image's bytes) is not even tokenised.
   */
  Identity identity(byte[] json) throws IOException {
    String id = null;
    String modality = null;
    String kind = null;
    try (JsonParser parser = mapper.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a document record is not a JSON object");
      }
      while ((id == null || modality == null || kind == null)
          && parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "id" -> id = parser.getValueAsString();
          case "modality" -> modality = parser.getValueAsString();
          case "kind" -> kind = parser.getValueAsString();
          default -> parser.skipChildren();
        }
      }
    }
    if (id == null || modality == null || kind == null) {
      throw new IOException("a document record lacks its id, modality or kind");
    }
    return new Identity(
        id, Modality.of(modality, Modality.ContentKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT))));
  }

  Document fromJson(JsonNode node) {
    String id = node.path("id").asText(null);
    String kind = node.path("kind").asText("");
    Modality modality =
        Modality.of(
            node.path("modality").asText(), Modality.ContentKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)));
    Document document;
    if (modality.contentKind() == Modality.ContentKind.TEXT) {
      document = Document.text(id, modality, node.path("text").asText());
    } else {
      JsonNode image = node.path("image");
      ImageSource source;
      if (image.has("path")) {
        source = ImageSource.of(Path.of(image.get("path").asText()));
      } else if (image.has("uri")) {
        source = ImageSource.of(URI.create(image.get("uri").asText()));
      } else {
        source =
            ImageSource.of(
                image.path("name").asText("image"),
                Base64.getDecoder().decode(image.path("bytes").asText()));
      }
      document = Document.image(id, modality, source);
    }
    JsonNode tags = node.path("tags");
    if (tags.isObject()) {
      Map<String, String> map = new LinkedHashMap<>();
      tags.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
      document = document.withTags(map);
    }
    return document;
  }
}
