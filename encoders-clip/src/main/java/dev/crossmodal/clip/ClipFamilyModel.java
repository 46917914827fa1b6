package dev.crossmodal.clip;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.ScoreCalibration;
import dev.crossmodal.core.TextImageModel;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.image.ImageTransform;
import dev.crossmodal.image.PixelTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SigLIP and Chinese-CLIP in the Hugging Face ONNX layout (as {@code
 * Xenova/siglip-base-patch16-224} and {@code Xenova/chinese-clip-vit-base-patch16} publish them),
 * each with the pipeline transformers runs for it:
 *
 * <ul>
 *   <li><b>SigLIP</b>: {@code tokenizer.json} (SentencePiece Unigram after SigLIP's clean-up, {@code
 *       </s>} appended), every text padded to exactly {@code max_position_embeddings} (64) with the
 *       pad id and fed without a mask, because the tower pools the last position; {@code
 *       pooler_output} of {@code onnx/text_model.onnx} and {@code onnx/vision_model.onnx} (or the
 *       normalised embeddings of {@code onnx/model.onnx} when only that is present). Its
 *       sigmoid score is {@link #scoreCalibration()}, read from {@code onnx/model.onnx}.
 *   <li><b>Chinese-CLIP</b>: {@code tokenizer.json} (BERT WordPiece, CJK characters split), padded
 *       to 52 (cn_clip's context length) and fed with its attention mask; {@code text_embeds} /
 *       {@code image_embeds} of the split graphs when present, else of the published {@code
 *       onnx/model.onnx} that holds both towers.
 * </ul>
 *
 * <p>Images follow {@code preprocessor_config.json} with transformers' conventions (RGB first;
 * both families squash to the exact size, bicubic). Vectors are L2-normalised. Close the model.
 *
 * <pre>{@code
 * try (ClipFamilyModel siglip = ClipFamilyModel.builder().modelDir(Path.of("siglip-base-patch16-224")).build()) {
 *   float[] query = siglip.encoder(Modality.TEXT).encode(Document.text("q", "a dog on a beach"));
 *   double p = siglip.scoreCalibration().orElseThrow().score(0.12);
 * }
 * }</pre>
 */
public final class ClipFamilyModel extends TextImageModel {
  private static final Logger LOG = LoggerFactory.getLogger(ClipFamilyModel.class);

  /** Chinese-CLIP's context length ({@code cn_clip.clip.tokenize(texts, context_length=52)}). */
  static final int CHINESE_CLIP_CONTEXT = 52;

  private final ClipFamily family;
  private final Path dir;
  private final Device device;
  private final WeightDigest weights;
  private final HuggingFaceTextTokenizer tokenizer;
  private final ClipTextEncoder text;
  private final ClipImageEncoder image;
  private final List<AutoCloseable> resources;
  private final int dimension;
  private final String id;
  private volatile Optional<ScoreCalibration> calibration;

  private ClipFamilyModel(Builder b) {
    if (b.modelDir == null) {
      throw new InvalidModelException("no model given: set modelDir to a directory in the Hugging Face ONNX layout");
    }
    this.dir = b.modelDir;
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException("model directory " + dir + " does not exist");
    }
    Path configFile = dir.resolve("config.json");
    ClipFamily detected =
        ClipFamily.detect(dir)
            .orElseThrow(
                () -> new InvalidModelException(
                    dir + " has no config.json with a model_type of siglip or chinese_clip"));
    if (detected == ClipFamily.CLIP) {
      throw new InvalidModelException(dir + " holds a CLIP model: load it with ClipModel (--model clip)");
    }
    if (b.family != null && b.family != detected) {
      throw new InvalidModelException(
          dir + " holds a " + detected.providerName() + " model (config.json model_type "
              + detected.modelType() + "), not " + b.family.providerName());
    }
    this.family = detected;
    this.device = b.device == null ? Device.cpu() : Device.fromName(b.device);
    this.id = b.id;
    JsonNode config = ClipFamily.readConfig(configFile);
    JsonNode textConfig = config.path("text_config");
    Path tokenizerFile = dir.resolve("tokenizer.json");
    Path preprocessor = dir.resolve("preprocessor_config.json");
    Path textFile = dir.resolve("onnx/text_model.onnx");
    Path visionFile = dir.resolve("onnx/vision_model.onnx");
    Path combinedFile = dir.resolve("onnx/model.onnx");
    boolean split = Files.isRegularFile(textFile) && Files.isRegularFile(visionFile);
    List<String> missing = new ArrayList<>();
    for (Path f : List.of(tokenizerFile, preprocessor)) {
      if (!Files.isRegularFile(f)) {
        missing.add(dir.relativize(f).toString());
      }
    }
    if (!split && !Files.isRegularFile(combinedFile)) {
      missing.add("onnx/text_model.onnx + onnx/vision_model.onnx, or onnx/model.onnx");
    }
    if (!missing.isEmpty()) {
      throw new InvalidModelException(
          family.providerName() + " model directory " + dir + " lacks " + String.join(", ", missing));
    }
    boolean siglip = family == ClipFamily.SIGLIP;
    int context =
        b.contextLength > 0
            ? b.contextLength
            : siglip ? textConfig.path("max_position_embeddings").asInt(64) : CHINESE_CLIP_CONTEXT;
    requireTokenizersLibrary(dir);
    int padId = padId(dir, tokenizerFile, textConfig);
    ImageTransform transform =
        ClipImageConfig.fromPreprocessorConfig(preprocessor, ClipImageConfig.Conventions.HUGGING_FACE);
    // SigLIP attends to its padding and pools the last position: rows keep their full length.
    boolean trimRows = !siglip;
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      this.tokenizer = new HuggingFaceTextTokenizer(tokenizerFile, context, padId);
      opened.add(tokenizer);
      OnnxSession.startEngine();
      TextTower textTower;
      ImageTower imageTower;
      if (split) {
        OnnxSession textSession = new OnnxSession(textFile, device, b.threads);
        opened.add(textSession);
        OnnxSession visionSession = new OnnxSession(visionFile, device, b.threads);
        opened.add(visionSession);
        String textOutput = siglip ? "pooler_output" : "text_embeds";
        String imageOutput = siglip ? "pooler_output" : "image_embeds";
        textTower = new OnnxTextTower(textSession, textOutput, trimRows, null);
        imageTower = new OnnxImageTower(visionSession, imageOutput, null, trimRows);
        this.weights = new WeightDigest(List.of(textFile, visionFile));
      } else {
        OnnxSession both = new OnnxSession(combinedFile, device, b.threads);
        opened.add(both);
        PixelTensor blank = blankImage(transform);
        TokenIds emptyText = tokenizer.encode("");
        textTower = new OnnxTextTower(both, "text_embeds", trimRows, blank);
        imageTower = new OnnxImageTower(both, "image_embeds", emptyText, trimRows);
        this.weights = new WeightDigest(List.of(combinedFile));
      }
      int dim = config.path("projection_dim").asInt(0);
      if (dim <= 0) {
        dim = textTower.run(List.of(tokenizer.encode("a")))[0].length;
      }
      this.dimension = dim;
      this.text = new ClipTextEncoder(tokenizer, textTower, dim, b.batchSize, b.rejectEmptyText);
      this.image = new ClipImageEncoder(transform, imageTower, dim, b.batchSize);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
    this.resources = List.copyOf(opened);
    this.calibration = siglip ? null : Optional.empty();
    LOG.info(
        "loaded {} {} ({} layout, dimension {}, context {}) on {}",
        family.providerName(), dir, split ? "split" : "combined", dimension, context, device);
  }

  /**
   * {@return a builder with default device, threads and batch size; set at least the model directory}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the family read from {@code config.json}} */
  public ClipFamily family() {
    return family;
  }

  /**
   * The family's name followed by the hub repository the model was resolved from, or by {@code
   * sha256:} and 16 hex digits of a hash of the weight files (computed on first call).
   */
  @Override
  public String id() {
    return id != null ? id : family.providerName() + ":" + weights.value();
  }

  /** {@code sha256:} and the first 16 hex digits of a hash of the weight files (computed once). */
  @Override
  public Optional<String> weightDigest() {
    return Optional.of(weights.value());
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public ClipTextEncoder textEncoder() {
    return text;
  }

  @Override
  public ClipImageEncoder imageEncoder() {
    return image;
  }

  /** {@return the image pre-processing read from {@code preprocessor_config.json}} */
  public ImageTransform imageTransform() {
    return image.transform();
  }

  /**
   * SigLIP's {@code sigmoid(exp(logit_scale) * cos + logit_bias)}; empty for Chinese-CLIP (whose
   * softmax scale only ranks within one query) and for a SigLIP directory without {@code
   * onnx/model.onnx}. The split graphs do not hold the two scalars, so the first call reads them
   * off {@code model.onnx}'s logits for a few probe pairs (its logits are exactly {@code scale *
   * cos + bias}) and closes that graph again.
   */
  @Override
  public Optional<ScoreCalibration> scoreCalibration() {
    Optional<ScoreCalibration> current = calibration;
    if (current == null) {
      synchronized (this) {
        if (calibration == null) {
          calibration = SigmoidCalibrationProbe.read(dir.resolve("onnx/model.onnx"), device, tokenizer, imageTransform());
        }
        current = calibration;
      }
    }
    return current;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static PixelTensor blankImage(ImageTransform transform) {
    int h = transform.outputHeight();
    int w = transform.outputWidth();
    return new PixelTensor(new float[3 * h * w], 3, h, w);
  }

  /**
   * The pad id: {@code tokenizer_config.json}'s {@code pad_token} looked up in {@code
   * tokenizer.json}, else {@code text_config.pad_token_id}, else 0.
   */
  /** The Maven coordinates of the tokenizer library these models need; CLIP itself does not. */
  static final String TOKENIZERS_ARTIFACT = "ai.djl.huggingface:tokenizers";

  private static void requireTokenizersLibrary(Path dir) {
    try {
      Class.forName("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", false,
          ClipFamilyModel.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new InvalidModelException(dir + " needs its tokenizer.json read by Hugging Face's tokenizers:"
          + " add the dependency " + TOKENIZERS_ARTIFACT + " (version from DJL's BOM; the CLI has it)");
    }
  }

  private static int padId(Path dir, Path tokenizerFile, JsonNode textConfig) {
    Path tokenizerConfig = dir.resolve("tokenizer_config.json");
    if (Files.isRegularFile(tokenizerConfig)) {
      JsonNode pad = ClipFamily.readConfig(tokenizerConfig).path("pad_token");
      String content = pad.isObject() ? pad.path("content").asText(null) : pad.asText(null);
      if (content != null && !content.isEmpty()) {
        int id = HuggingFaceTextTokenizer.addedTokenId(tokenizerFile, content);
        if (id >= 0) {
          return id;
        }
      }
    }
    return textConfig.path("pad_token_id").asInt(0);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources.reversed()) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", r, e);
      }
    }
  }

  /** Configures a {@link ClipFamilyModel}. */
  public static final class Builder extends ModelBuilder<Builder> {
    private ClipFamily family;
    private int contextLength;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The family the directory must hold; optional (config.json decides), a mismatch is an error.
     *
     * @param expected the family the directory must hold; optional (config.json decides), a
     *     mismatch is an error
     * @return this builder
     */
    public Builder family(ClipFamily expected) {
      this.family = expected;
      return this;
    }

    /**
     * The length texts are truncated and padded to. Default: SigLIP's {@code
     * max_position_embeddings}, Chinese-CLIP's 52.
     *
     * @param n the length texts are truncated and padded to
     * @return this builder
     */
    public Builder contextLength(int n) {
      if (n < 2) {
        throw new IllegalArgumentException("context length must be at least 2, got " + n);
      }
      this.contextLength = n;
      return this;
    }

    /**
     * Loads the model.
     *
     * @return the loaded model; close it to free its native resources
     * @throws InvalidModelException naming the directory and what is missing or wrong
     */
    public ClipFamilyModel build() {
      return new ClipFamilyModel(this);
    }
  }
}
