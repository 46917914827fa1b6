package dev.crossmodal.examples.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code POST /search} body. Both shapes the Jina seed accepted are read: {@code
 * {"top_k": 5, "mode": "search", "data": [...]}} and {@code {"parameters": {"top_k": 5}, "data":
 * [...]}}. A data item is a text, an image as a {@code data:image/...;base64,...} URI, or this
 * server's own {@code http://host/images/{id}} URL of an indexed image (what Jina Box sends when a
 * result is clicked: the id is looked up, the URL is never fetched); objects {@code {"text": ...}}
 * and {@code {"uri": ...}} are read too. {@code modality} ({@code "image"} or {@code "text"}: what
 * to return) and {@code min_score} (the lowest cosine kept) are read from either place, like
 * {@code top_k}.
 *
 * @param topK matches per query
 * @param returns the content kind to return; empty for the other kind than each query's
 * @param minScore matches with a lower cosine are dropped
 * @param queries the queries in request order
 */
record SearchRequest(int topK, Optional<Modality.ContentKind> returns, double minScore, List<Query> queries) {

  /**
   * One query.
   *
   * @param original the data item as sent, echoed back in the response
   * @param document the query as a document to encode
   * @param mimeType {@code text/plain}, or the image's media type
   */
  record Query(String original, Document document, String mimeType) {
    boolean isImage() {
      return document.modality().contentKind() == Modality.ContentKind.IMAGE;
    }
  }

  /**
   * Parses and validates a body.
   *
   * @throws HttpError (400) naming the problem
   */
  static SearchRequest parse(
      byte[] body, ObjectMapper json, ServerLimits limits, String base, IndexedImages images) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw HttpError.badRequest("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw HttpError.badRequest("unreadable body: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw HttpError.badRequest("the body must be a JSON object with a \"data\" array");
    }
    JsonNode mode = root.get("mode");
    if (mode != null && !mode.isNull() && !"search".equals(mode.asText())) {
      throw HttpError.badRequest("unsupported mode '" + mode.asText() + "': only \"search\" is served");
    }
    JsonNode parameters = root.get("parameters");
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw HttpError.badRequest("\"parameters\" must be an object");
    }
    return new SearchRequest(
        topK(parameter(root, "top_k"), limits),
        returns(parameter(root, "modality")),
        minScore(parameter(root, "min_score")),
        queries(root.get("data"), limits, base, images));
  }

  /** A setting from {@code parameters} if it is there, else from the top level; null if absent. */
  private static JsonNode parameter(JsonNode root, String name) {
    JsonNode parameters = root.get("parameters");
    JsonNode value = parameters != null && parameters.has(name) ? parameters.get(name) : root.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private static Optional<Modality.ContentKind> returns(JsonNode value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.isTextual() ? value.asText() : "") {
      case "image" -> Optional.of(Modality.ContentKind.IMAGE);
      case "text" -> Optional.of(Modality.ContentKind.TEXT);
      default -> throw HttpError.badRequest("modality must be \"image\" or \"text\", got " + value);
    };
  }

  private static double minScore(JsonNode value) {
    if (value == null) {
      return Double.NEGATIVE_INFINITY;
    }
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw HttpError.badRequest("min_score must be a number (a cosine, from -1 to 1), got " + value);
    }
    return value.doubleValue();
  }

  private static int topK(JsonNode value, ServerLimits limits) {
    if (value == null) {
      return limits.defaultTopK();
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw HttpError.badRequest("top_k must be an integer from 1 to " + limits.maxTopK() + ", got " + value);
    }
    int k = value.intValue();
    if (k < 1 || k > limits.maxTopK()) {
      throw HttpError.badRequest("top_k must be from 1 to " + limits.maxTopK() + ", got " + k);
    }
    return k;
  }

  private static List<Query> queries(JsonNode data, ServerLimits limits, String base, IndexedImages images) {
    if (data == null || data.isNull()) {
      throw HttpError.badRequest("missing \"data\": give a list of texts or image data URIs");
    }
    if (!data.isArray()) {
      throw HttpError.badRequest("\"data\" must be a list of texts or image data URIs");
    }
    if (data.isEmpty()) {
      throw HttpError.badRequest("\"data\" is empty: give at least one text or image data URI");
    }
    if (data.size() > limits.maxQueries()) {
      throw HttpError.badRequest(
          "\"data\" has " + data.size() + " items; at most " + limits.maxQueries() + " per request");
    }
    List<Query> queries = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      queries.add(query(data.get(i), i, base, images));
    }
    return List.copyOf(queries);
  }

  private static Query query(JsonNode item, int position, String base, IndexedImages images) {
    String value;
    if (item.isTextual()) {
      value = item.asText();
    } else if (item.isObject() && item.path("uri").isTextual()) {
      value = item.get("uri").asText();
      if (!DataUri.looksLikeOne(value) && !isHttpUrl(value)) {
        throw HttpError.badRequest("data[" + position + "].uri must be a data:image/...;base64 URI");
      }
    } else if (item.isObject() && item.path("text").isTextual()) {
      return text(item.get("text").asText(), position);
    } else {
      throw HttpError.badRequest("data[" + position + "] must be a text or an image data URI");
    }
    if (DataUri.looksLikeOne(value)) {
      byte[] bytes = DataUri.decodeImage(value);
      return new Query(
          value,
          Document.image("query-" + position, ImageSource.of("data[" + position + "]", bytes)),
          ImageTypes.contentType(bytes));
    }
    if (isHttpUrl(value)) {
      return indexedImage(value, position, base, images);
    }
    return text(value, position);
  }

  private static boolean isHttpUrl(String value) {
    return (value.startsWith("http://") || value.startsWith("https://")) && value.indexOf(' ') < 0;
  }

  /**
   * A URL query: only this server's own image links are understood, by looking their id up. The
   * server never fetches a URL for a client: that would make it a proxy into its own network.
   */
  private static Query indexedImage(String value, int position, String base, IndexedImages images) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw HttpError.badRequest("data[" + position + "] is not a valid URL: " + e.getReason());
    }
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    String ours = URI.create(base).getRawAuthority();
    if (!ours.equalsIgnoreCase(uri.getRawAuthority()) || !rawPath.startsWith(ServerUrls.IMAGES)
        || rawPath.length() == ServerUrls.IMAGES.length()) {
      throw HttpError.badRequest("data[" + position + "] is a URL, and URLs are never fetched: send the image"
          + " itself as a data:image/...;base64 URI (only this server's " + base + ServerUrls.IMAGES
          + "{id} links are read, by id)");
    }
    String id = ServerUrls.decodeId(rawPath.substring(ServerUrls.IMAGES.length()));
    Document image = images.image(id).orElseThrow(
        () -> HttpError.badRequest("data[" + position + "]: no indexed image with id '" + id + "'"));
    if (!(image.image() instanceof ImageSource.FileImage) && !(image.image() instanceof ImageSource.BytesImage)) {
      // Encoding it would fetch it: a client would make the server reach out, as a proxy would.
      throw HttpError.badRequest("data[" + position + "]: image '" + id + "' is not stored locally");
    }
    return new Query(
        value, Document.image("query-" + position, image.image()), ImageTypes.contentType(image.image()));
  }

  private static Query text(String value, int position) {
    if (value.isBlank()) {
      throw HttpError.badRequest("data[" + position + "] is a blank text");
    }
    return new Query(value, Document.text("query-" + position, value), "text/plain");
  }
}
