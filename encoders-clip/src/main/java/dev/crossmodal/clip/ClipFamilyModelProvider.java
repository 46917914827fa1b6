package dev.crossmodal.clip;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.InvalidModelException;
import dev.crossmodal.hub.HubClient;
import dev.crossmodal.core.model.ModelProvider;
import dev.crossmodal.core.model.ModelSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider of one {@link ClipFamilyModel} family ({@link SiglipModelProvider}, {@link
 * ChineseClipModelProvider}). A spec with a model directory loads it; otherwise the variant (a hub
 * repository in the family's ONNX layout, default {@link ClipFamily#defaultRepository()}) is
 * downloaded once into the cache with the family's {@link ClipFamily#hubFiles()}, and its {@link
 * ClipFamily#optionalHubFiles()} where the repository has them.
 *
 * <p>Options: {@code device}, {@code threads}, {@code batchSize}, {@code contextLength}, {@code
 * revision}.
 */
abstract class ClipFamilyModelProvider implements ModelProvider {
  private static final Logger LOG = LoggerFactory.getLogger(ClipFamilyModelProvider.class);

  private final ClipFamily family;
  private final Supplier<HubClient> hub;

  ClipFamilyModelProvider(ClipFamily family, Supplier<HubClient> hub) {
    this.family = family;
    this.hub = hub;
  }

  @Override
  public String name() {
    return family.providerName();
  }

  @Override
  public boolean recognizes(Path modelPath) {
    return ClipFamily.detect(modelPath).filter(family::equals).isPresent();
  }

  @Override
  public CrossModalModel load(ModelSpec spec) {
    ClipFamilyModel.Builder builder = ClipFamilyModel.builder().family(family);
    spec.option("device").ifPresent(builder::device);
    intOption(spec, "threads").ifPresent(builder::threads);
    intOption(spec, "batchSize").or(() -> intOption(spec, "batch-size")).ifPresent(builder::batchSize);
    intOption(spec, "contextLength").ifPresent(builder::contextLength);
    Optional<Path> dir = spec.modelDirectory();
    if (dir.isPresent()) {
      spec.variantName().map(v -> family.providerName() + ":" + v).ifPresent(builder::id);
      return builder.modelDir(dir.get()).build();
    }
    String repo = spec.variantName().filter(v -> !v.isBlank()).orElse(family.defaultRepository()).trim();
    String revision = spec.option("revision").orElse(null);
    HubClient client = hub.get();
    Path snapshot = client.snapshot(repo, revision, family.hubFiles());
    for (String optional : family.optionalHubFiles()) {
      try {
        client.file(repo, revision, optional);
      } catch (InvalidModelException e) {
        LOG.warn("{}: {} not downloaded, going on without it: {}", repo, optional, e.getMessage());
      }
    }
    return builder.modelDir(snapshot).id(family.providerName() + ":" + repo).build();
  }

  private static Optional<Integer> intOption(ModelSpec spec, String key) {
    return spec.option(key)
        .map(
            v -> {
              try {
                return Integer.parseInt(v.trim());
              } catch (NumberFormatException e) {
                throw new InvalidModelException("option " + key + " must be a number, got '" + v + "'");
              }
            });
  }
}
