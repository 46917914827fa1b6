package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.Modality;
import java.io.IOException;
import java.util.Set;

/** {@code GET /health}: {@code {"status": "ok", "model": id, "images": n, "texts": n}}. */
final class HealthEndpoint extends Endpoint {
  private final SearchService service;

  HealthEndpoint(ObjectMapper json, SearchService service) {
    super(json, Set.of("GET"));
    this.service = service;
  }

  @Override
  protected void serve(Exchange exchange) throws IOException {
    if (!exchange.path().equals("/health")) {
      throw new HttpError(404, "no such endpoint: " + exchange.path());
    }
    ObjectNode body = json.createObjectNode();
    body.put("status", "ok");
    body.put("model", service.modelId());
    body.put("images", service.count(Modality.IMAGE));
    body.put("texts", service.count(Modality.TEXT));
    sendJson(exchange, 200, body);
  }
}
