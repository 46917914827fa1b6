package dev.crossmodal.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small solid-colour images for tests. */
public final class TestImages {
  private TestImages() {}

  /**
   * Writes a 16x12 PNG of one of {@link ColorWordsModel#COLORS} and returns its path.
   *
   * @param dir the folder the image is written to
   * @param name the file name
   * @param color one of {@link ColorWordsModel#COLORS}
   * @return the written file
   */
  public static Path solid(Path dir, String name, String color) {
    BufferedImage img = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
    int rgb = ColorWordsModel.rgb(color);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, rgb);
      }
    }
    Path file = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      ImageIO.write(img, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
