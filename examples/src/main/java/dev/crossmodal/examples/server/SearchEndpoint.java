package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.pipeline.Match;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /search}: runs every query of a {@link SearchRequest} and answers in the Jina seed's
 * response shape, {@code {"data": {"docs": [{"text"|"uri": query, "matches": [...]}]}}}.
 */
final class SearchEndpoint extends Endpoint {
  private final SearchService service;
  private final ServerLimits limits;
  private final Semaphore textSearches;
  private final Semaphore imageSearches;
  private final ImageQueryBudget pixelBudget;

  SearchEndpoint(ObjectMapper json, SearchService service, ServerLimits limits) {
    super(json, Set.of("POST"));
    this.service = service;
    this.limits = limits;
    this.textSearches = new Semaphore(limits.maxConcurrentSearches(), true);
    // Image queries queue apart: a burst of expensive decodes never delays a text query.
    this.imageSearches = new Semaphore(limits.maxConcurrentImageSearches(), true);
    this.pixelBudget = new ImageQueryBudget(limits);
  }

  @Override
  protected void serve(Exchange exchange) throws IOException {
    String path = exchange.path();
    if (!path.equals("/search") && !path.equals("/search/")) {
      throw new HttpError(404, "no such endpoint: " + path);
    }
    SearchRequest request = SearchRequest.parse(readBody(exchange, limits.maxBodyBytes()), json, limits);
    pixelBudget.check(request.queries());
    ObjectNode root = json.createObjectNode();
    ArrayNode docs = root.putObject("data").putArray("docs");
    String base = ServerUrls.base(exchange);
    for (SearchRequest.Query query : request.queries()) {
      List<Match> matches = search(query.document(), request.topK(), query.isImage() ? imageSearches : textSearches);
      ObjectNode doc = docs.addObject();
      doc.put(query.isImage() ? "uri" : "text", query.original());
      ArrayNode array = doc.putArray("matches");
      for (Match match : matches) {
        array.add(matchJson(match, base));
      }
    }
    sendJson(exchange, 200, root);
  }

  private List<Match> search(Document query, int k, Semaphore searches) {
    try {
      searches.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, "server is shutting down");
    }
    try {
      return service.search(query, k);
    } finally {
      searches.release();
    }
  }

  private ObjectNode matchJson(Match match, String base) {
    Document document = match.document();
    ObjectNode node = json.createObjectNode();
    node.put("id", document.id());
    boolean image = document.modality().contentKind() == Modality.ContentKind.IMAGE;
    node.put("modality", image ? "image" : "text");
    if (image) {
      node.put("uri", base + ServerUrls.imagePath(document.id()));
    } else {
      node.put("text", document.text());
    }
    ObjectNode scores = node.putObject("scores");
    scores.putObject("cosine").put("value", match.score());
    service.scoreCalibration().ifPresent(c -> scores.putObject(c.name()).put("value", c.score(match.score())));
    return node;
  }
}
