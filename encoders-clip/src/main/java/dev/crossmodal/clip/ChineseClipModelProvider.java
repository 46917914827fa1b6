package dev.crossmodal.clip;

import dev.crossmodal.hub.HubClient;

/**
 * The {@code chinese-clip} model provider: Chinese-CLIP in the Hugging Face ONNX layout ({@link ClipFamilyModel}),
 * from a local directory or downloaded from the hub (default {@code
 * Xenova/chinese-clip-vit-base-patch16}).
 *
 * <pre>{@code
 * try (CrossModalModel model = Models.load(ModelSpec.of("chinese-clip").withModelDir(dir))) { ... }
 * }</pre>
 */
public final class ChineseClipModelProvider extends ClipFamilyModelProvider {

  /** The provider {@link java.util.ServiceLoader} creates: the hub client comes from the environment. */
  public ChineseClipModelProvider() {
    super(ClipFamily.CHINESE_CLIP, () -> HubClient.builder().build());
  }

  /**
   * A provider that downloads with the given client.
   *
   * @param hubClient downloads the model files
   */
  public ChineseClipModelProvider(HubClient hubClient) {
    super(ClipFamily.CHINESE_CLIP, () -> hubClient);
  }
}
