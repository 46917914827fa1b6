package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorIndex;
import dev.crossmodal.core.fakes.BruteForceIndex;
import dev.crossmodal.core.fakes.ColorWordModel;
import dev.crossmodal.core.fakes.InMemoryDocumentStore;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A small searchable collection without a real model: solid-colour PNG files with one caption
 * each, indexed with {@link ColorWordModel}, so that "red" finds the red image. Only red, green
 * and blue are words the model knows; the other colours are distractors.
 */
final class ColourFixture {
  static final Map<String, Color> COLOURS =
      Map.of(
          "red", new Color(220, 20, 20),
          "green", new Color(20, 200, 40),
          "blue", new Color(30, 40, 210),
          "purple", new Color(150, 20, 160),
          "teal", new Color(10, 160, 160),
          "olive", new Color(140, 150, 20));

  private ColourFixture() {}

  /** Writes the images under {@code dir} and returns a search service over them. */
  static IndexSearchService service(Path dir) {
    ColorWordModel model = new ColorWordModel();
    InMemoryDocumentStore store = new InMemoryDocumentStore();
    VectorIndex images = new BruteForceIndex(model.dimension());
    VectorIndex texts = new BruteForceIndex(model.dimension());
    List<Document> imageDocs = new ArrayList<>();
    List<Document> captionDocs = new ArrayList<>();
    for (var colour : COLOURS.entrySet()) {
      Path file = dir.resolve(colour.getKey() + ".png");
      try {
        Files.write(file, png(colour.getValue()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      imageDocs.add(Document.image(colour.getKey(), ImageSource.of(file)));
      captionDocs.add(
          Document.text(colour.getKey() + "#0", "a " + colour.getKey() + " square")
              .withTag(Document.TAG_IMAGE_ID, colour.getKey()));
    }
    store.putAll(imageDocs);
    store.putAll(captionDocs);
    images.upsertAll(
        imageDocs.stream().map(Document::id).toList(), model.encoder(Modality.IMAGE).encode(imageDocs));
    texts.upsertAll(
        captionDocs.stream().map(Document::id).toList(), model.encoder(Modality.TEXT).encode(captionDocs));
    return new IndexSearchService(model, Map.of(Modality.IMAGE, images, Modality.TEXT, texts), store);
  }

  static byte[] png(Color colour) {
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, colour.getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String dataUri(Color colour) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(colour));
  }
}
