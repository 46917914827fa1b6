package dev.crossmodal.spark;

import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.model.Models;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model per executor JVM and spec: every task of the executor shares it (models are
 * thread-safe and expensive to load), and it is closed when the JVM exits.
 */
final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final Map<ModelSpecData, CrossModalModel> MODELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> MODELS.values().forEach(CrossModalModel::close), "crossmodal-models-close"));
  }

  private ExecutorModels() {}

  static CrossModalModel get(ModelSpecData spec) {
    return MODELS.computeIfAbsent(
        spec,
        s -> {
          LOG.info("loading model {} in this executor", s.toSpec());
          return Models.load(s.toSpec());
        });
  }
}
