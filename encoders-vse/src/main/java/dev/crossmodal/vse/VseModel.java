package dev.crossmodal.vse;

import dev.crossmodal.core.TextImageModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.image.ImageTransform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VSE++ model (Faghri et al., fartashf/vsepp) on DJL's ONNX Runtime engine, from a directory in
 * the layout that {@code tools/convert_vsepp.py} writes:
 *
 * <ul>
 *   <li>{@code image_encoder.onnx}: {@code images} float32 {@code [B,3,224,224]} -> {@code
 *       embeddings} {@code [B,D]};
 *   <li>{@code text_encoder.onnx}: {@code tokens} int64 {@code [B,S]} and {@code lengths} int64
 *       {@code [B]} -> {@code embeddings} {@code [B,D]};
 *   <li>{@code vocab.json}: word -> id, with {@code <pad>} 0, {@code <start>}, {@code <end>} and
 *       {@code <unk>}.
 * </ul>
 *
 * <p>Its identity is {@code vse:} followed by the first 16 hex digits of the SHA-256 of the three
 * files, so that a workspace refuses vectors of other weights or another vocabulary.
 *
 * <pre>{@code
 * try (VseModel vse = VseModel.builder().modelDir(Path.of("models/f30k_vse++_resnet")).build()) {
 *   float[] query = vse.textEncoder().encode(Document.text("q", "a dog on a beach"));
 * }
 * }</pre>
 */
public final class VseModel extends TextImageModel {
  /** The image encoder's file name in the model directory. */
  public static final String IMAGE_ENCODER_FILE = "image_encoder.onnx";
  /** The text encoder's file name in the model directory. */
  public static final String TEXT_ENCODER_FILE = "text_encoder.onnx";
  /** The vocabulary's file name in the model directory. */
  public static final String VOCABULARY_FILE = "vocab.json";

  private static final Logger LOG = LoggerFactory.getLogger(VseModel.class);
  private static final List<String> FILES =
      List.of(IMAGE_ENCODER_FILE, TEXT_ENCODER_FILE, VOCABULARY_FILE);

  private final String id;
  private final Path modelDir;
  private final VseTextEncoder textEncoder;
  private final VseImageEncoder imageEncoder;

  private VseModel(
      String id, Path modelDir, VseTextEncoder textEncoder, VseImageEncoder imageEncoder) {
    this.id = id;
    this.modelDir = modelDir;
    this.textEncoder = textEncoder;
    this.imageEncoder = imageEncoder;
  }

  /**
   * {@return a builder with default threads and VSE++ pre-processing ({@link #defaultImageTransform()}); set at least the model directory}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return vsepp's test-time image transform: convert to RGB, bilinear (antialiased, as PIL) resize of
   * the short side to 256, centre crop 224, ImageNet mean and standard deviation}
   */
  public static ImageTransform defaultImageTransform() {
    return ImageTransform.vsePlusPlus();
  }

  @Override
  public String id() {
    return id;
  }

  /** {@code sha256:} and the first 16 hex digits of the hash in {@link #id()}. */
  @Override
  public java.util.Optional<String> weightDigest() {
    return java.util.Optional.of("sha256:" + id.substring("vse:".length()));
  }

  @Override
  public int dimension() {
    return textEncoder.dimension();
  }



  @Override
  public VseTextEncoder textEncoder() {
    return textEncoder;
  }

  @Override
  public VseImageEncoder imageEncoder() {
    return imageEncoder;
  }

  /** {@return the directory the model was loaded from} */
  public Path modelDir() {
    return modelDir;
  }

  @Override
  public void close() {
    try {
      textEncoder.close();
    } finally {
      imageEncoder.close();
    }
  }

  /** Configures and loads a {@link VseModel}. */
  public static final class Builder {
    private Path modelDir;
    private ImageTransform imageTransform;
    private int threads;

    private Builder() {}

    /**
     * The directory holding {@code image_encoder.onnx}, {@code text_encoder.onnx}, {@code vocab.json}.
     *
     * @param dir the directory holding {@code image_encoder.onnx}, {@code text_encoder.onnx},
     *     {@code vocab.json}
     * @return this builder
     */
    public Builder modelDir(Path dir) {
      this.modelDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Replaces vsepp's test transform, for checkpoints trained with another one; the crop size
     * must match the image graph's input.
     *
     * @param transform replaces vsepp's test transform, for checkpoints trained with another one;
     *     the crop size must match the image graph's input
     * @return this builder
     */
    public Builder imageTransform(ImageTransform transform) {
      this.imageTransform = Objects.requireNonNull(transform, "transform");
      return this;
    }

    /**
     * ONNX Runtime's intra-op thread count per encoder; 0 (the default) lets it choose.
     *
     * @param count ONNX Runtime's intra-op thread count per encoder; 0 (the default) lets it choose
     * @return this builder
     */
    public Builder threads(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("thread count must be >= 0, got " + count);
      }
      this.threads = count;
      return this;
    }

    /**
     * Loads the model.
     *
     * @return the loaded model; close it to free its native resources
     * @throws InvalidModelException naming the directory and the missing or broken file
     */
    public VseModel build() {
      if (modelDir == null) {
        throw new InvalidModelException("VSE++ needs a model directory (modelDir)");
      }
      if (!Files.isDirectory(modelDir)) {
        throw new InvalidModelException(
            "VSE++ model directory " + modelDir + " does not exist or is not a directory");
      }
      for (String file : FILES) {
        if (!Files.isRegularFile(modelDir.resolve(file))) {
          throw new InvalidModelException(
              "VSE++ model directory " + modelDir + " has no " + file + " (expected "
                  + String.join(", ", FILES) + "; see tools/convert_vsepp.py)");
        }
      }
      String id = "vse:" + digest(modelDir);
      VseTokenizer tokenizer = new VseTokenizer(Vocabulary.load(modelDir.resolve(VOCABULARY_FILE)));
      ImageTransform transform = imageTransform == null ? defaultImageTransform() : imageTransform;
      OnnxEncoderSession text =
          OnnxEncoderSession.load(
              modelDir.resolve(TEXT_ENCODER_FILE), VseTextEncoder.INPUTS, threads);
      OnnxEncoderSession image = null;
      try {
        VseTextEncoder textEncoder = new VseTextEncoder(text, tokenizer);
        image =
            OnnxEncoderSession.load(
                modelDir.resolve(IMAGE_ENCODER_FILE), VseImageEncoder.INPUTS, threads);
        VseImageEncoder imageEncoder =
            new VseImageEncoder(image, transform, textEncoder.dimension());
        LOG.info(
            "loaded VSE++ model {} from {} ({}-d, {} words)",
            id, modelDir, textEncoder.dimension(), tokenizer.vocabulary().size());
        return new VseModel(id, modelDir, textEncoder, imageEncoder);
      } catch (RuntimeException e) {
        text.close();
        if (image != null) {
          image.close();
        }
        throw e;
      }
    }

    private static String digest(Path dir) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (String file : FILES) {
          sha.update(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            for (int n; (n = in.read(buffer)) > 0; ) {
              sha.update(buffer, 0, n);
            }
          }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
      } catch (IOException e) {
        throw new InvalidModelException("cannot read VSE++ model in " + dir + ": " + e, e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }
}
