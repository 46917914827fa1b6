package dev.crossmodal.examples.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code POST /search} body. Both shapes the Jina seed accepted are read: {@code
 * {"top_k": 5, "mode": "search", "data": [...]}} and {@code {"parameters": {"top_k": 5}, "data":
 * [...]}}. A data item is a text, or an image as a {@code data:image/...;base64,...} URI; objects
 * {@code {"text": ...}} and {@code {"uri": ...}} are read too.
 *
 * @param topK matches per query
 * @param queries the queries in request order
 */
record SearchRequest(int topK, List<Query> queries) {

  /**
   * One query.
   *
   * @param original the data item as sent, echoed back in the response
   * @param document the query as a document to encode
   */
  record Query(String original, Document document) {
    boolean isImage() {
      return document.modality().contentKind() == dev.crossmodal.core.Modality.ContentKind.IMAGE;
    }
  }

  /**
   * Parses and validates a body.
   *
   * @throws HttpError (400) naming the problem
   */
  static SearchRequest parse(byte[] body, ObjectMapper json, ServerLimits limits) {
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
    return new SearchRequest(topK(root, limits), queries(root.get("data"), limits));
  }

  private static int topK(JsonNode root, ServerLimits limits) {
    JsonNode parameters = root.get("parameters");
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw HttpError.badRequest("\"parameters\" must be an object");
    }
    JsonNode value = parameters != null && parameters.has("top_k") ? parameters.get("top_k") : root.get("top_k");
    if (value == null || value.isNull()) {
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

  private static List<Query> queries(JsonNode data, ServerLimits limits) {
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
      queries.add(query(data.get(i), i));
    }
    return List.copyOf(queries);
  }

  private static Query query(JsonNode item, int position) {
    String value;
    if (item.isTextual()) {
      value = item.asText();
    } else if (item.isObject() && item.path("uri").isTextual()) {
      value = item.get("uri").asText();
      if (!DataUri.looksLikeOne(value)) {
        throw HttpError.badRequest("data[" + position + "].uri must be a data:image/...;base64 URI");
      }
    } else if (item.isObject() && item.path("text").isTextual()) {
      return text(item.get("text").asText(), position);
    } else {
      throw HttpError.badRequest("data[" + position + "] must be a text or an image data URI");
    }
    if (DataUri.looksLikeOne(value)) {
      byte[] bytes = DataUri.decodeImage(value);
      return new Query(value, Document.image("query-" + position, ImageSource.of("data[" + position + "]", bytes)));
    }
    return text(value, position);
  }

  private static Query text(String value, int position) {
    if (value.isBlank()) {
      throw HttpError.badRequest("data[" + position + "] is a blank text");
    }
    return new Query(value, Document.text("query-" + position, value));
  }
}
