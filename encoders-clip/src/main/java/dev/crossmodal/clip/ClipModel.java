package dev.crossmodal.clip;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.TextImageModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.core.Modality;
import dev.crossmodal.image.ImageTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CLIP as a {@link CrossModalModel}: a text and an image encoder that reproduce openai/CLIP's
 * pipeline, on one of the two layouts CLIP is published in.
 *
 * <ul>
 *   <li>A directory in the Hugging Face / Optimum ONNX layout (as {@code
 *       Xenova/clip-vit-base-patch32}): {@code onnx/text_model.onnx}, {@code onnx/vision_model.onnx},
 *       {@code vocab.json} + {@code merges.txt} or {@code tokenizer.json}, {@code
 *       preprocessor_config.json}, {@code config.json}; run on DJL's ONNX Runtime engine.
 *   <li>An openai/CLIP TorchScript file ({@code ViT-B-32.pt}, ...) with methods {@code encode_text}
 *       and {@code encode_image}; run on DJL's PyTorch engine with the BPE vocabulary bundled here.
 * </ul>
 *
 * <p>Vectors are L2-normalised. Both encoders are {@link dev.crossmodal.core.StagedEncoder}s: text
 * prepares to {@link dev.crossmodal.core.TokenIds}, images to {@link
 * dev.crossmodal.image.PixelTensor}. The model holds native memory: close it.
 *
 * <pre>{@code
 * try (ClipModel clip = ClipModel.builder().modelDir(Path.of("clip-vit-base-patch32")).threads(4).build()) {
 *   float[] query = clip.encoder(Modality.TEXT).encode(Document.text("q", "a dog on a beach"));
 * }
 * }</pre>
 */
public final class ClipModel extends TextImageModel {
  private static final Logger LOG = LoggerFactory.getLogger(ClipModel.class);

  /** The published layouts a model can come in. */
  public enum Layout {
    /** Hugging Face / Optimum ONNX export, on ONNX Runtime. */
    HUGGING_FACE_ONNX,
    /** openai/CLIP TorchScript archive, on PyTorch. */
    OPENAI_TORCHSCRIPT
  }

  private final Layout layout;
  private final WeightDigest weights;
  private final ClipTextEncoder text;
  private final ClipImageEncoder image;
  private final List<AutoCloseable> resources;
  private final int dimension;
  private final String id;

  private ClipModel(Builder b) {
    Path path = b.modelDir;
    if (path == null) {
      throw new InvalidModelException("no CLIP model given: set modelDir to a directory or a .pt file");
    }
    if (!Files.exists(path)) {
      throw new InvalidModelException("CLIP model path " + path + " does not exist");
    }
    ClipFamily.detect(path)
        .filter(family -> family != ClipFamily.CLIP)
        .ifPresent(
            family -> {
              throw new InvalidModelException(
                  path + " holds a " + family.providerName() + " model (config.json model_type "
                      + family.modelType() + "): load it with --model " + family.providerName()
                      + " or --model auto");
            });
    this.layout = detect(path);
    if (b.engine != null && !b.engine.equals(engineOf(layout))) {
      throw new InvalidModelException(
          "CLIP model " + path + " is in the " + layout + " layout, which runs on "
              + engineOf(layout) + ", not " + b.engine);
    }
    Device device = b.device == null ? Device.cpu() : Device.fromName(b.device);
    this.id = b.id;
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      if (layout == Layout.HUGGING_FACE_ONNX) {
        Path textFile = path.resolve("onnx/text_model.onnx");
        Path visionFile = path.resolve("onnx/vision_model.onnx");
        requireFiles(path, textFile, visionFile);
        ClipTokenizer tokenizer = ClipTokenizer.fromModelDirectory(path);
        Path preprocessor = path.resolve("preprocessor_config.json");
        ImageTransform transform;
        if (Files.isRegularFile(preprocessor)) {
          transform =
              ClipImageConfig.fromPreprocessorConfig(
                  preprocessor, ClipImageConfig.Conventions.OPENAI);
        } else {
          LOG.warn("{} has no preprocessor_config.json; using openai/CLIP's 224-pixel transform", path);
          transform = ClipImageConfig.openAi(ClipImageConfig.CLIP_SIZE);
        }
        OnnxSession.startEngine();
        OnnxSession textSession = new OnnxSession(textFile, device, b.threads);
        opened.add(textSession);
        OnnxTextTower textTower = new OnnxTextTower(textSession);
        OnnxSession visionSession = new OnnxSession(visionFile, device, b.threads);
        opened.add(visionSession);
        OnnxImageTower imageTower = new OnnxImageTower(visionSession);
        int dim = projectionDim(path.resolve("config.json"));
        if (dim <= 0) {
          dim = textTower.run(List.of(tokenizer.encode("a")))[0].length;
        }
        this.dimension = dim;
        this.weights = new WeightDigest(List.of(textFile, visionFile));
        this.text =
            new ClipTextEncoder(
                TextTokenizer.of(tokenizer), textTower, dim, b.batchSize, b.rejectEmptyText);
        this.image = new ClipImageEncoder(transform, imageTower, dim, b.batchSize);
      } else {
        requirePyTorch(path);
        TorchScriptClip module = new TorchScriptClip(path, device, b.threads);
        opened.add(module);
        ClipTokenizer tokenizer = ClipTokenizer.bundled();
        int dim = module.run(List.of(tokenizer.encode("a")))[0].length;
        this.dimension = dim;
        this.weights = new WeightDigest(List.of(path));
        this.text =
            new ClipTextEncoder(
                TextTokenizer.of(tokenizer), module, dim, b.batchSize, b.rejectEmptyText);
        this.image =
            new ClipImageEncoder(
                ClipImageConfig.openAi(ClipImageConfig.CLIP_SIZE), module.images(), dim, b.batchSize);
      }
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
    this.resources = List.copyOf(opened);
    LOG.info("loaded CLIP {} ({}, dimension {}) on {}", path, layout, dimension, device);
  }

  /**
   * {@return a builder with the engine of the model's layout, default device, threads and batch size; set at least the model location}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the layout of the loaded files} */
  public Layout layout() {
    return layout;
  }

  /**
   * {@code clip:} followed by the variant name the model was resolved from, or by {@code sha256:}
   * and the first 16 hex digits of a hash of the weight files (computed on first call).
   */
  @Override
  public String id() {
    return id != null ? id : "clip:" + weights.value();
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

  /**
   * {@return the image pre-processing in use (from {@code preprocessor_config.json} or openai's
   * defaults)}
   */
  public ImageTransform imageTransform() {
    return image.transform();
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", r, e);
      }
    }
  }

  static Layout detect(Path path) {
    if (Files.isDirectory(path)) {
      return Layout.HUGGING_FACE_ONNX;
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ts")) {
      return Layout.OPENAI_TORCHSCRIPT;
    }
    throw new InvalidModelException(
        "CLIP model path " + path
            + " is neither a directory in the Hugging Face ONNX layout nor a TorchScript .pt file");
  }

  /** The artifact that brings DJL's PyTorch engine and natives, which the ONNX path never needs. */
  static final String TORCHSCRIPT_ARTIFACT = "dev.crossmodal:crossmodal-encoders-clip-torchscript";

  private static void requirePyTorch(Path path) {
    try {
      Class.forName("ai.djl.pytorch.engine.PtEngine", false, ClipModel.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new InvalidModelException(path + " is a TorchScript model, which runs on DJL's PyTorch engine:"
          + " add the dependency " + TORCHSCRIPT_ARTIFACT + " (the CLI has it), or use the Hugging Face"
          + " ONNX export of the model, which needs only ONNX Runtime");
    }
  }

  private static String engineOf(Layout layout) {
    return layout == Layout.HUGGING_FACE_ONNX ? OnnxSession.ENGINE : TorchScriptClip.ENGINE;
  }

  private static void requireFiles(Path dir, Path... files) {
    List<String> missing = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        missing.add(dir.relativize(f).toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidModelException(
          "CLIP model directory " + dir + " lacks " + String.join(", ", missing)
              + " (expected the Hugging Face ONNX layout: onnx/text_model.onnx, onnx/vision_model.onnx,"
              + " vocab.json + merges.txt or tokenizer.json, preprocessor_config.json, config.json)");
    }
  }

  /** {@code projection_dim} from config.json, or 0 when the file or key is absent. */
  private static int projectionDim(Path config) {
    if (!Files.isRegularFile(config)) {
      return 0;
    }
    try {
      JsonNode root = new ObjectMapper().readTree(config.toFile());
      return root.path("projection_dim").asInt(0);
    } catch (IOException e) {
      throw new InvalidModelException("cannot read " + config + ": " + e.getMessage(), e);
    }
  }

  /** Configures a {@link ClipModel}. */
  public static final class Builder extends ModelBuilder<Builder> {
    private String engine;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The DJL engine: {@code OnnxRuntime} (Hugging Face layout) or {@code PyTorch} (TorchScript).
     * Optional: the layout decides; naming the other engine is an error.
     *
     * @param engineName the DJL engine: {@code OnnxRuntime} (Hugging Face layout) or {@code
     *     PyTorch} (TorchScript)
     * @return this builder
     */
    public Builder engine(String engineName) {
      this.engine = engineName;
      return this;
    }

    /**
     * Loads the model.
     *
     * @return the loaded model; close it to free its native resources
     * @throws InvalidModelException naming the path and what is missing or wrong
     */
    public ClipModel build() {
      return new ClipModel(this);
    }
  }
}
