package dev.crossmodal.core.fakes;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A deterministic stand-in for CLIP that understands colours: an image is its mean red, green and
 * blue; a text is the colour words it contains (other words fall in hash buckets). So "a red
 * square" finds red images, and a red image finds captions about red things. Images are really
 * decoded, so corrupt bytes fail as they would with a real model.
 */
public final class ColorWordModel implements CrossModalModel {
  public static final int DIMENSION = 16;
  private static final List<String> COLOURS = List.of("red", "green", "blue");
  private static final float BIAS = 0.05f;

  @Override
  public String id() {
    return "test:color-word";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public Set<Modality> modalities() {
    return Set.of(Modality.TEXT, Modality.IMAGE);
  }

  @Override
  public Encoder encoder(Modality modality) {
    if (!modalities().contains(modality)) {
      throw new IllegalArgumentException("no encoder for " + modality);
    }
    return new Encoder() {
      @Override
      public Modality modality() {
        return modality;
      }

      @Override
      public int dimension() {
        return DIMENSION;
      }

      @Override
      public float[][] encode(List<Document> documents) {
        float[][] vectors = new float[documents.size()][];
        for (int i = 0; i < vectors.length; i++) {
          Document document = documents.get(i);
          vectors[i] =
              normalise(
                  modality.equals(Modality.TEXT) ? textVector(document) : imageVector(document));
        }
        return vectors;
      }
    };
  }

  private static float[] textVector(Document document) {
    float[] v = new float[DIMENSION];
    for (String word : document.text().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (word.isEmpty()) {
        continue;
      }
      int colour = COLOURS.indexOf(word);
      if (colour >= 0) {
        v[colour] += 1;
      } else {
        v[3 + Math.floorMod(word.hashCode(), DIMENSION - 4)] += 0.25f;
      }
    }
    v[DIMENSION - 1] = BIAS;
    return v;
  }

  private static float[] imageVector(Document document) {
    BufferedImage image;
    try (InputStream in = document.image().open()) {
      image = ImageIO.read(in);
    } catch (IOException e) {
      throw new InvalidInputException(document.describe() + ": cannot read image: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new InvalidInputException(document.describe() + ": not a decodable image");
    }
    double r = 0;
    double g = 0;
    double b = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        r += (rgb >> 16) & 0xff;
        g += (rgb >> 8) & 0xff;
        b += rgb & 0xff;
      }
    }
    double n = 255.0 * image.getWidth() * image.getHeight();
    float[] v = new float[DIMENSION];
    v[0] = (float) (r / n);
    v[1] = (float) (g / n);
    v[2] = (float) (b / n);
    v[DIMENSION - 1] = BIAS;
    return v;
  }

  private static float[] normalise(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  @Override
  public void close() {}
}
