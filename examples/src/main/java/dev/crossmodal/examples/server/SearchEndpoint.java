package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.Match;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /search}: runs every query of a {@link SearchRequest} and answers in the Jina seed's
 * response shape, {@code {"data": {"docs": [{"text"|"uri": query, "mime_type": ..., "matches":
 * [...]}]}}}. A match carries what Jina Box 0.1.50 reads ({@code mime_type}, {@code uri} or
 * {@code text}, {@code score.value}) beside our own fields: {@code id}, {@code modality}, {@code
 * scores.cosine.value} (and {@code scores.calibrated.value} where the model has one); an image
 * also its {@code file} name and up to {@value #CAPTIONS} {@code captions}, a caption its {@code
 * image_id} and {@code image_uri}.
 */
final class SearchEndpoint extends Endpoint {
  static final int CAPTIONS = 5;

  private final SearchService service;
  private final IndexedImages images;
  private final ServerLimits limits;
  private final Semaphore textSearches;
  private final Semaphore imageSearches;
  private final ImageQueryBudget pixelBudget;

  SearchEndpoint(ObjectMapper json, SearchService service, ServerLimits limits) {
    super(json, Set.of("POST"));
    this.service = service;
    this.images = new IndexedImages(service::document);
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
    String base = ServerUrls.base(exchange);
    SearchRequest request =
        SearchRequest.parse(readBody(exchange, limits.maxBodyBytes()), json, limits, base, images);
    pixelBudget.check(request.queries());
    ObjectNode root = json.createObjectNode();
    ArrayNode docs = root.putObject("data").putArray("docs");
    for (SearchRequest.Query query : request.queries()) {
      List<Match> matches = search(query.document(), request, query.isImage() ? imageSearches : textSearches);
      ObjectNode doc = docs.addObject();
      doc.put(query.isImage() ? "uri" : "text", query.original());
      doc.put("mime_type", query.mimeType());
      ArrayNode array = doc.putArray("matches");
      for (Match match : matches) {
        array.add(matchJson(match, base));
      }
    }
    sendJson(exchange, 200, root);
  }

  private List<Match> search(Document query, SearchRequest request, Semaphore searches) {
    try {
      searches.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, "server is shutting down");
    }
    try {
      return service.search(query, request.topK(), request.returns(), request.minScore());
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
      node.put("mime_type", ImageTypes.contentType(document.image()));
      node.put("uri", base + ServerUrls.imagePath(document.id()));
      node.put("file", IndexedImages.fileName(document));
      ArrayNode captions = node.putArray("captions");
      images.captions(document.id(), CAPTIONS).forEach(captions::add);
    } else {
      node.put("mime_type", "text/plain");
      node.put("text", document.text());
      IndexedImages.imageIdOf(document).ifPresent(id -> {
        node.put("image_id", id);
        node.put("image_uri", base + ServerUrls.imagePath(id));
      });
    }
    // Jina 1.x clients read score.value; scores.cosine.value is the seed's (Jina 0.x) place.
    node.putObject("score").put("value", match.score()).put("op_name", "cosine");
    ObjectNode scores = node.putObject("scores");
    scores.putObject("cosine").put("value", match.score());
    // A model's calibrated score (SigLIP's sigmoid) sits beside the cosine, under its own name.
    service.scoreCalibration().ifPresent(c -> scores.putObject(c.name()).put("value", c.score(match.score())));
    return node;
  }
}
