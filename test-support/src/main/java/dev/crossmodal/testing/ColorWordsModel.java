package dev.crossmodal.testing;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.TextImageModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.VectorNorms;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A tiny deterministic "model" whose right answers are known, for tests that must run without
 * model files: texts and images are mapped onto the same axes, one per colour word. A caption
 * "a red square" points along the red axis; an image points along the axis of the palette colour
 * nearest to its mean colour. So {@code "red"} finds red images, and a red image finds captions
 * that say red.
 *
 * <pre>{@code
 * try (CrossModalModel model = new ColorWordsModel()) {
 *   Workspace ws = Workspace.inMemory(model);
 *   Indexer.builder(ws, model).build().index(docs);
 *   new Searcher(ws, model).search(Document.text("q", "something red"), 3);
 * }
 * }</pre>
 */
public final class ColorWordsModel extends TextImageModel {
  /** The colour words, in axis order, and their RGB prototypes. */
  public static final List<String> COLORS =
      List.of("red", "green", "blue", "yellow", "black", "white", "orange", "purple");

  private static final int[][] RGB = {
    {220, 30, 30}, {30, 180, 40}, {30, 60, 220}, {240, 220, 40},
    {10, 10, 10}, {245, 245, 245}, {250, 140, 20}, {130, 40, 160}
  };

  /** One axis per colour, plus one for everything else, so that no vector is ever zero. */
  public static final int DIMENSION = COLORS.size() + 1;

  private final Encoder text = new TextEncoder(this);
  private final Encoder image = new ImageEncoder(this);
  private final long delayMillis;

  /** A model that encodes without delay. */
  public ColorWordsModel() {
    this(0);
  }

  /**
   * A model that spends {@code delayMillis} on every document, as a real model would.
   *
   * @param delayMillis the milliseconds each document takes to encode
   */
  public ColorWordsModel(long delayMillis) {
    this.delayMillis = delayMillis;
  }

  private void pause(int documents) {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis * documents);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String id() {
    return "test:color-words";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }



  @Override
  public Encoder textEncoder() {
    return text;
  }

  @Override
  public Encoder imageEncoder() {
    return image;
  }

  @Override
  public void close() {}

  /**
   * {@return the unit vector along one colour's axis}
   *
   * @param color one of {@link #COLORS}
   */
  public static float[] axis(String color) {
    int i = COLORS.indexOf(color);
    if (i < 0) {
      throw new IllegalArgumentException("not a colour word: " + color);
    }
    float[] v = new float[DIMENSION];
    v[i] = 1;
    return v;
  }

  /**
   * {@return solid RGB of a colour word's prototype, for making test images}
   *
   * @param color one of {@link #COLORS}
   */
  public static int rgb(String color) {
    int[] c = RGB[COLORS.indexOf(color)];
    return (c[0] << 16) | (c[1] << 8) | c[2];
  }

  private record TextEncoder(ColorWordsModel model) implements Encoder {
    @Override
    public Modality modality() {
      return Modality.TEXT;
    }

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public float[][] encode(List<Document> documents) {
      model.pause(documents.size());
      float[][] out = new float[documents.size()][];
      for (int d = 0; d < out.length; d++) {
        String text = documents.get(d).text();
        if (text.isBlank()) {
          throw new InvalidInputException("text " + documents.get(d).id() + " is empty");
        }
        float[] v = new float[DIMENSION];
        v[DIMENSION - 1] = 0.1f;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
          int i = COLORS.indexOf(word);
          if (i >= 0) {
            v[i] += 1;
          }
        }
        out[d] = VectorNorms.normalize(v);
      }
      return out;
    }
  }

  private record ImageEncoder(ColorWordsModel model) implements Encoder {
    @Override
    public Modality modality() {
      return Modality.IMAGE;
    }

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public float[][] encode(List<Document> documents) {
      model.pause(documents.size());
      float[][] out = new float[documents.size()][];
      for (int d = 0; d < out.length; d++) {
        out[d] = encodeOne(documents.get(d));
      }
      return out;
    }

    private static float[] encodeOne(Document document) {
      BufferedImage img;
      try (InputStream in = document.image().open()) {
        img = ImageIO.read(in);
      } catch (IOException e) {
        throw new InvalidInputException("cannot read image " + document.describe() + ": " + e.getMessage(), e);
      }
      if (img == null) {
        throw new InvalidInputException("image " + document.describe() + " is not a decodable image");
      }
      long r = 0;
      long g = 0;
      long b = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int p = img.getRGB(x, y);
          r += (p >> 16) & 0xff;
          g += (p >> 8) & 0xff;
          b += p & 0xff;
        }
      }
      long n = (long) img.getWidth() * img.getHeight();
      int nearest = 0;
      long best = Long.MAX_VALUE;
      for (int i = 0; i < RGB.length; i++) {
        long dr = r / n - RGB[i][0];
        long dg = g / n - RGB[i][1];
        long db = b / n - RGB[i][2];
        long dist = dr * dr + dg * dg + db * db;
        if (dist < best) {
          best = dist;
          nearest = i;
        }
      }
      float[] v = new float[DIMENSION];
      v[nearest] = 1;
      v[DIMENSION - 1] = 0.1f;
      return VectorNorms.normalize(v);
    }
  }
}
