package dev.crossmodal.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The images and Pillow/torchvision outputs written by {@code tools/make_image_fixtures.py}. */
final class ImageFixtures {
  private static final String ROOT = "/images/";

  private ImageFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = ImageFixtures.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + ROOT + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImageSource source(String name) {
    return ImageSource.of(name, bytes(name));
  }

  static byte[] gunzip(String name) {
    try (InputStream in = new GZIPInputStream(ImageFixtures.class.getResourceAsStream(ROOT + name))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] floats(String name) {
    ByteBuffer buffer = ByteBuffer.wrap(gunzip(name)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[buffer.remaining() / 4];
    buffer.asFloatBuffer().get(out);
    return out;
  }

  static JsonNode index() {
    return index("");
  }

  /** The cases.json of a fixture folder ({@code ""} or {@code "formats/"}). */
  static JsonNode index(String dir) {
    try {
      return new ObjectMapper().readTree(bytes(dir + "expected/cases.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One image through one pipeline configuration, and what Pillow/torchvision made of it.
   *
   * @param json the case as the fixture script wrote it
   * @param dir the fixture folder under {@code /images/}, {@code ""} or ending with a slash
   */
  record Case(JsonNode json, String dir) {
    Case(JsonNode json) {
      this(json, "");
    }

    /** The image's resource name under {@code /images/}. */
    String image() {
      return dir + json.get("image").asText();
    }

    /** The largest difference in 8-bit levels the case accepts (0: exact). */
    int tolerance() {
      JsonNode tolerance = json.get("tolerance");
      return tolerance == null ? 0 : tolerance.asInt();
    }

    String config() {
      return json.get("config").asText();
    }

    String pillowMode() {
      return json.get("pil_mode").asText();
    }

    int crop() {
      return json.get("crop").asInt();
    }

    ImageTransform transform() {
      ResampleFilter filter = ResampleFilter.valueOf(json.get("filter").asText().toUpperCase());
      return ImageTransform.builder()
          .resizeShortSide(json.get("resize").asInt(), filter)
          .centerCrop(crop())
          .convertToRgbFirst(json.get("rgb_first").asBoolean())
          .normalize(toFloats(json.get("mean")), toFloats(json.get("std")))
          .build();
    }

    /** The rows of the crop that were stored, or null if all were. */
    int[] rows() {
      JsonNode rows = json.get("rows");
      if (rows == null) {
        return null;
      }
      int[] out = new int[rows.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rows.get(i).asInt();
      }
      return out;
    }

    byte[] expectedRgb() {
      return gunzip(dir + "expected/" + json.get("u8").asText());
    }

    float[] expectedTensor() {
      JsonNode f32 = json.get("f32");
      return f32 == null ? null : ImageFixtures.floats(dir + "expected/" + f32.asText());
    }

    private static float[] toFloats(JsonNode array) {
      float[] out = new float[array.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) array.get(i).asDouble();
      }
      return out;
    }

    @Override
    public String toString() {
      return image() + " / " + config();
    }
  }

  static List<Case> cases() {
    return cases("");
  }

  /** The cases of a fixture folder ({@code ""} or {@code "formats/"}). */
  static List<Case> cases(String dir) {
    List<Case> cases = new ArrayList<>();
    index(dir).get("cases").forEach(c -> cases.add(new Case(c, dir)));
    return cases;
  }

  static List<String> refused() {
    List<String> names = new ArrayList<>();
    index().get("refused").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
