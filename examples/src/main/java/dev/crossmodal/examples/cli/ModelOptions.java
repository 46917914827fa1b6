package dev.crossmodal.examples.cli;

import dev.crossmodal.core.model.ModelSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model flags shared by commands that encode: {@code --model}, {@code --model-dir}, engine settings. */
public final class ModelOptions {
  @Option(
      names = {"-m", "--model"},
      defaultValue = "clip",
      description = "Model family: clip, siglip, chinese-clip, vse, auto (detected from --model-dir), or color-words (a deterministic test model without weights) (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--model-dir",
      paramLabel = "DIR_OR_FILE",
      description = "Local model: a Hugging Face ONNX export folder (CLIP, SigLIP, Chinese-CLIP), a TorchScript .pt file (CLIP), or a VSE++ folder.")
  Path modelDir;

  @Option(
      names = "--variant",
      description = "Model variant to download when no --model-dir is given, e.g. openai/clip-vit-base-patch32.")
  String variant;

  @Option(names = "--device", description = "Inference device for DJL, e.g. cpu or gpu(0).")
  String device;

  @Option(names = "--threads", description = "Inference threads per model call (engine intra-op threads).")
  Integer threads;

  @Option(
      names = "--model-option",
      paramLabel = "KEY=VALUE",
      description = "Provider-specific model option (repeatable).")
  java.util.Map<String, String> extraOptions = new java.util.LinkedHashMap<>();

  /** The spec these flags describe. */
  public ModelSpec spec() {
    ModelSpec spec = ModelSpec.of(model);
    if (variant != null) {
      spec = spec.withVariant(variant);
    }
    if (modelDir != null) {
      spec = spec.withModelDir(modelDir.toAbsolutePath().normalize());
    }
    for (var option : extraOptions.entrySet()) {
      spec = spec.withOption(option.getKey(), option.getValue());
    }
    if (device != null) {
      spec = spec.withOption("device", device);
    }
    if (threads != null) {
      spec = spec.withOption("threads", threads.toString());
    }
    return spec;
  }
}
