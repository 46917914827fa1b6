package dev.crossmodal.examples.server;

import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.image.ImageDecoder;
import dev.crossmodal.image.ImageHeader;
import dev.crossmodal.image.ImageTooLargeException;
import dev.crossmodal.image.PixelBudget;
import java.util.List;

/**
 * Refuses a request's image queries by the sizes their headers declare, before any of them is
 * queued or decoded: a 633-byte JPEG can declare 9000x9000 and would cost seconds of CPU and a
 * gigabyte of memory to decode. Each image is held to {@link ServerLimits#maxImagePixels()}, all
 * of a request's images together to a {@link PixelBudget} of {@link
 * ServerLimits#maxRequestPixels()}.
 */
final class ImageQueryBudget {
  private final ImageDecoder headers;
  private final long maxImagePixels;
  private final long maxRequestPixels;

  ImageQueryBudget(ServerLimits limits) {
    this.headers = ImageDecoder.builder().maxPixels(limits.maxImagePixels()).build();
    this.maxImagePixels = limits.maxImagePixels();
    this.maxRequestPixels = limits.maxRequestPixels();
  }

  /**
   * Checks every image query of a request.
   *
   * @throws HttpError 413 naming the query that is too large or exceeds the request's budget, 400
   *     for an image whose header cannot be read
   */
  void check(List<SearchRequest.Query> queries) {
    PixelBudget budget = PixelBudget.of(maxRequestPixels);
    for (int i = 0; i < queries.size(); i++) {
      SearchRequest.Query query = queries.get(i);
      if (!query.isImage() || !(query.document().image() instanceof ImageSource.BytesImage image)) {
        continue;
      }
      String name = "data[" + i + "]";
      ImageHeader header;
      try {
        header = headers.readHeader(name, image.bytes());
      } catch (InvalidInputException e) {
        throw HttpError.badRequest(e.getMessage());
      }
      if (header.pixels() > maxImagePixels) {
        throw new HttpError(413, "image " + name + " declares " + header.width() + "x"
            + header.height() + " = " + header.pixels() + " pixels; this server decodes at most "
            + maxImagePixels + " pixels per image: send a smaller image");
      }
      try {
        budget.charge(name, header);
      } catch (ImageTooLargeException e) {
        throw new HttpError(413, "the images of this request declare more than " + maxRequestPixels
            + " pixels together (" + name + " does not fit: " + e.getMessage()
            + "); this server decodes at most " + maxRequestPixels
            + " pixels per request: send fewer or smaller images");
      }
    }
  }
}
