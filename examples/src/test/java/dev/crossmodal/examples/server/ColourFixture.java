package dev.crossmodal.examples.server;

import dev.crossmodal.core.Document;
import dev.crossmodal.core.ImageSource;
import dev.crossmodal.core.pipeline.Indexer;
import dev.crossmodal.core.pipeline.Searcher;
import dev.crossmodal.testing.ColorWordsModel;
import dev.crossmodal.core.workspace.Workspace;
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
import javax.imageio.ImageIO;

/**
 * A small searchable collection without a real model: one solid-colour PNG file per colour word
 * of {@link ColorWordsModel}, each with the caption "a COLOUR square", indexed into an in-memory
 * workspace, so that "red" finds the red image and a red image finds "a red square".
 */
final class ColourFixture {
  static final List<String> COLOURS = ColorWordsModel.COLORS;

  private ColourFixture() {}

  /** Writes the images under {@code dir} and returns a search service over them. */
  static WorkspaceSearchService service(Path dir) {
    return service(dir, 1);
  }

  /**
   * As {@link #service(Path)}, with {@code captions} captions per image: "a COLOUR square", then
   * "COLOUR, caption 2", "COLOUR, caption 3"...
   */
  static WorkspaceSearchService service(Path dir, int captions) {
    ColorWordsModel model = new ColorWordsModel();
    Workspace workspace = Workspace.inMemory(model);
    List<Document> documents = new ArrayList<>();
    for (String colour : COLOURS) {
      Path file = dir.resolve(colour + ".png");
      try {
        Files.write(file, png(colour));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      documents.add(Document.image(colour, ImageSource.of(file)));
      for (int i = 0; i < captions; i++) {
        String text = i == 0 ? "a " + colour + " square" : colour + ", caption " + (i + 1);
        documents.add(Document.text(colour + "#" + i, text).withTag(Document.TAG_IMAGE_ID, colour));
      }
    }
    Indexer.builder(workspace, model).build().index(documents);
    return new WorkspaceSearchService(new Searcher(workspace, model));
  }

  static byte[] png(String colour) {
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    int rgb = ColorWordsModel.rgb(colour);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, rgb);
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

  static String dataUri(String colour) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(colour));
  }
}
