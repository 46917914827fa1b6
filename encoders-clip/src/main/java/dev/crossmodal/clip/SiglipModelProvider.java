package dev.crossmodal.clip;

import dev.crossmodal.hub.HubClient;

/**
 * The {@code siglip} model provider: SigLIP in the Hugging Face ONNX layout ({@link ClipFamilyModel}),
 * from a local directory or downloaded from the hub (default {@code
 * Xenova/siglip-base-patch16-224}).
 *
 * <pre>{@code
 * try (CrossModalModel model = Models.load(ModelSpec.of("siglip").withModelDir(dir))) { ... }
 * }</pre>
 */
public final class SiglipModelProvider extends ClipFamilyModelProvider {

  /** The provider {@link java.util.ServiceLoader} creates: the hub client comes from the environment. */
  public SiglipModelProvider() {
    super(ClipFamily.SIGLIP, () -> HubClient.builder().build());
  }

  /**
   * A provider that downloads with the given client.
   *
   * @param hubClient downloads the model files
   */
  public SiglipModelProvider(HubClient hubClient) {
    super(ClipFamily.SIGLIP, () -> hubClient);
  }
}
