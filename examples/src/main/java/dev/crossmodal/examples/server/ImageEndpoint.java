package dev.crossmodal.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /images/{id}}: the image file of an indexed image document. The id is only ever
 * looked up in the document store, and only that document's own file (or in-memory bytes) is
 * sent: nothing in the request is used as a path, so {@code ../} tricks find no document; and the
 * file is sent only while it is still the one indexed ({@link IndexedImageFile}).
 */
final class ImageEndpoint extends Endpoint {
  private final SearchService service;

  ImageEndpoint(ObjectMapper json, SearchService service) {
    super(json, Set.of("GET", "HEAD"));
    this.service = service;
  }

  @Override
  protected void serve(Exchange exchange) throws IOException {
    String raw = exchange.rawPath();
    if (!raw.startsWith(ServerUrls.IMAGES) || raw.length() == ServerUrls.IMAGES.length()) {
      throw new HttpError(404, "no image id in " + raw);
    }
    String id = ServerUrls.decodeId(raw.substring(ServerUrls.IMAGES.length()));
    Optional<Document> document = service.document(id);
    if (document.isEmpty() || document.get().modality().contentKind() != Modality.ContentKind.IMAGE) {
      throw new HttpError(404, "no indexed image with id '" + id + "'");
    }
    ImageSource source = document.get().image();
    if (!(source instanceof ImageSource.FileImage) && !(source instanceof ImageSource.BytesImage)) {
      // Remote images are not fetched on a client's behalf: the server would become a proxy.
      throw new HttpError(404, "image '" + id + "' is not stored locally");
    }
    byte[] bytes =
        source instanceof ImageSource.FileImage file
            ? IndexedImageFile.read(document.get(), file)
            : source.readAllBytes();
    exchange.setResponseHeader("Cache-Control", "public, max-age=3600");
    sendBytes(exchange, ImageTypes.contentType(bytes), bytes);
  }
}
