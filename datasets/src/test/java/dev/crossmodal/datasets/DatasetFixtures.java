package dev.crossmodal.datasets;

import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.core.dataset.SkippedItem;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Tiny datasets written into temp folders by the tests. */
final class DatasetFixtures {
  private DatasetFixtures() {}

  /** Writes an 8x8 PNG of one colour; different colours give different bytes and so ids. */
  static Path png(Path file, int rgb) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  static Path png(Path file, Color color) throws IOException {
    return png(file, color.getRGB());
  }

  static Path text(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** A Kaggle-layout Flickr8k folder with a.png (2 captions) and b.png (1 caption). */
  static Path kaggle(Path dir) throws IOException {
    png(dir.resolve("images/a.png"), Color.RED);
    png(dir.resolve("images/b.png"), Color.BLUE);
    text(dir.resolve("captions.txt"),
        "image,caption\n"
            + "a.png,A red square .\n"
            + "a.png,\"Red, bright and \"\"square\"\"\"\n"
            + "b.png,A blue square .\n");
    return dir;
  }

  static List<DatasetEntry> entries(Dataset dataset) {
    try (Stream<DatasetEntry> entries = dataset.entries()) {
      return entries.toList();
    }
  }

  static List<SkippedItem> problems(Dataset dataset) {
    return entries(dataset).stream().flatMap(e -> e.problems().stream()).toList();
  }

  static List<DatasetEntry> withImages(Dataset dataset) {
    return entries(dataset).stream().filter(DatasetEntry::hasImage).toList();
  }
}
