package dev.crossmodal.clip;

import java.nio.file.Path;

/**
 * The settings every model of this module takes: where its files are, the device, the engine's
 * threads, the batch size, an id override and what to do with empty texts. {@link
 * ClipModel.Builder} and {@link ClipFamilyModel.Builder} add their own to these.
 *
 * <pre>{@code
 * ClipModel clip = ClipModel.builder().modelDir(dir).threads(4).batchSize(64).build();
 * }</pre>
 *
 * @param <B> the concrete builder, which every setter returns
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {
  Path modelDir;
  String device;
  int threads;
  int batchSize = 32;
  String id;
  boolean rejectEmptyText;

  /** Only this module's builders extend it. */
  ModelBuilder() {}

  /** This builder, as its concrete type. */
  abstract B self();

  /**
   * The model's files: a directory in the Hugging Face ONNX layout (for CLIP, also an openai
   * TorchScript {@code .pt} file).
   *
   * @param path the directory or file
   * @return this builder
   */
  public B modelDir(Path path) {
    this.modelDir = path;
    return self();
  }

  /**
   * DJL device name, such as {@code cpu}, {@code gpu} or {@code gpu1}. Default: CPU.
   *
   * @param deviceName the device
   * @return this builder
   */
  public B device(String deviceName) {
    this.device = deviceName;
    return self();
  }

  /**
   * Threads the engine uses inside one inference call; 0 (default) lets the engine choose.
   *
   * @param n the thread count, at least 0
   * @return this builder
   */
  public B threads(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + n);
    }
    this.threads = n;
    return self();
  }

  /**
   * The most documents one inference call takes; larger inputs are split. Default 32.
   *
   * @param n the batch size, at least 1
   * @return this builder
   */
  public B batchSize(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + n);
    }
    this.batchSize = n;
    return self();
  }

  /**
   * Overrides the model's {@code id()}, for example with the hub repository the files came from.
   *
   * @param modelId the id to report
   * @return this builder
   */
  public B id(String modelId) {
    this.id = modelId;
    return self();
  }

  /**
   * Refuse texts that hold no token besides the special ones (empty after clean-up) with {@link
   * dev.crossmodal.core.InvalidInputException}. Default {@code false}: as openai/CLIP does, such a
   * text is encoded from its special tokens alone.
   *
   * @param reject whether to refuse them
   * @return this builder
   */
  public B rejectEmptyText(boolean reject) {
    this.rejectEmptyText = reject;
    return self();
  }
}
