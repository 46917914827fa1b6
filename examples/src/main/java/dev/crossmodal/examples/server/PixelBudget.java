package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Refuses a request's image queries by the sizes their headers declare, before any pixel is
 * decoded: a 633-byte JPEG can declare 9000x9000 and would cost seconds of CPU and a gigabyte of
 * memory to decode. Each image is held to {@link ServerLimits#maxImagePixels()}, all of a request's
 * images together to {@link ServerLimits#maxRequestPixels()}.
 */
final class PixelBudget {
  private final long maxImagePixels;
  private final long maxRequestPixels;

  PixelBudget(ServerLimits limits) {
    this.maxImagePixels = limits.maxImagePixels();
    this.maxRequestPixels = limits.maxRequestPixels();
  }

  /**
   * Checks every image query of a request.
   *
   * @throws HttpError (413) naming the query that is too large or exceeds the budget
   */
  void check(List<SearchRequest.Query> queries) {
    long spent = 0;
    for (int i = 0; i < queries.size(); i++) {
      SearchRequest.Query query = queries.get(i);
      if (!query.isImage()) {
        continue;
      }
      long[] size = declaredSize(query.document());
      if (size == null) {
        continue; // not an image any reader knows: decoding refuses it with a clear message
      }
      long pixels = size[0] * size[1];
      if (pixels > maxImagePixels) {
        throw new HttpError(413, "image data[" + i + "] declares " + size[0] + "x" + size[1] + " = "
            + pixels + " pixels; this server decodes at most " + maxImagePixels
            + " pixels per image: send a smaller image");
      }
      spent += pixels;
      if (spent > maxRequestPixels) {
        throw new HttpError(413, "the images of this request declare " + spent
            + " pixels together (at data[" + i + "]); this server decodes at most "
            + maxRequestPixels + " pixels per request: send fewer or smaller images");
      }
    }
  }

  /** Width and height from the image's header, or null if no reader recognises it. */
  private static long[] declaredSize(Document document) {
    if (!(document.image() instanceof ImageSource.BytesImage bytes)) {
      return null;
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes.bytes()))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new long[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null; // a corrupt header: decoding refuses it and says why
    }
  }
}
