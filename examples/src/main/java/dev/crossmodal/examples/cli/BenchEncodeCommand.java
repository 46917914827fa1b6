package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossmodal.core.CrossModalModel;
import dev.crossmodal.core.Document;
import dev.crossmodal.core.Encoder;
import dev.crossmodal.core.Modality;
import dev.crossmodal.core.StagedEncoder;
import dev.crossmodal.core.TokenIds;
import dev.crossmodal.core.dataset.DatasetEntry;
import dev.crossmodal.datasets.Datasets;
import dev.crossmodal.image.ImageTensorEncoder;
import dev.crossmodal.image.PixelTensor;
import dev.crossmodal.core.model.ModelSpec;
import dev.crossmodal.core.model.Models;
import dev.crossmodal.core.pipeline.EncodingPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal bench encode}: encoder throughput on a dataset, through the same pipeline that
 * indexing uses (files decoded and pre-processed on worker threads while the model runs).
 *
 * <p>Prints {@code {"images_per_s": .., "texts_per_s": .., "session_images_per_s": ..}}: the whole
 * pipeline from image files to normalised vectors, the same for the dataset's captions, and the
 * image model alone on random pre-processed input in batches of 32 (the ceiling the pipeline can
 * reach).
 */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = "Measure image and text encoding throughput on a dataset.")
public final class BenchEncodeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  private static final int SESSION_BATCH = 32;
  /**
   * Captions handed to the text encoder at once, in model batches: the encoder sorts them by length
   * before cutting model batches, so a larger group gives batches of more even length and less
   * padding (32 random captions have a long one among them more often than not).
   */
  private static final int TEXT_GROUP_BATCHES = 8;

  @Option(names = "--model", defaultValue = "clip", description = "Model provider (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--model-dir", description = "Local model directory or file (default: resolve the provider's default).")
  Path modelDir;

  @Option(names = "--data", required = true, description = "Dataset folder.")
  Path data;

  @Option(names = "--format", defaultValue = "flickr8k", description = "Dataset format: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Formats.class)
  String format;

  @Option(names = "--limit", description = "Use at most this many images (and their captions).")
  Integer limit;

  @Option(names = "--batch-size", defaultValue = "32", description = "Documents per model call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", defaultValue = "0", description = "Engine threads per call; 0 lets the engine choose.")
  int threads;

  @Option(
      names = "--pipeline-only",
      description = "Measure only images_per_s and texts_per_s (no model-alone or padded-text runs), as tools/bench_encode.py does.")
  boolean pipelineOnly;

  @Option(names = "--json", description = "Print the result as one JSON line on stdout.")
  boolean json;

  /** The dataset formats, for picocli's help. */
  static final class Formats extends ArrayList<String> {
    Formats() {
      super(Datasets.FORMATS);
    }
  }

  @Override
  public Integer call() throws Exception {
    OptionChecks.batchSize(commandSpec, batchSize);
    OptionChecks.limit(commandSpec, limit);
    List<Document> images = new ArrayList<>();
    List<Document> texts = new ArrayList<>();
    try (Stream<DatasetEntry> entries = Datasets.open(format, data, null).entries()) {
      Stream<DatasetEntry> withImages = entries.filter(DatasetEntry::hasImage);
      (limit == null ? withImages : withImages.limit(limit))
          .forEach(
              e -> {
                images.add(e.image());
                texts.addAll(e.captions());
              });
    }
    ModelSpec spec = ModelSpec.of(model).withOption("batchSize", Integer.toString(batchSize));
    if (modelDir != null) {
      spec = spec.withModelDir(modelDir);
    }
    if (threads > 0) {
      spec = spec.withOption("threads", Integer.toString(threads));
    }
    System.err.printf("bench encode: %d images, %d captions from %s%n", images.size(), texts.size(), data);
    try (CrossModalModel m = Models.load(spec);
        EncodingPipeline pipeline = EncodingPipeline.builder().batchSize(batchSize).build();
        EncodingPipeline textPipeline =
            EncodingPipeline.builder().batchSize(batchSize * TEXT_GROUP_BATCHES).build()) {
      Encoder imageEncoder = m.encoder(Modality.IMAGE);
      Encoder textEncoder = m.encoder(Modality.TEXT);
      // Warm-up with one full batch: first calls allocate (ONNX Runtime plans its memory per input
      // shape) and the JIT compiles the image pipeline; that is not what a long run sees.
      pipelineRate(pipeline, imageEncoder, images.subList(0, Math.min(batchSize, images.size())));
      pipelineRate(textPipeline, textEncoder, texts.subList(0, Math.min(batchSize, texts.size())));

      double session = pipelineOnly
          ? Double.NaN
          : sessionImagesPerSecond(imageEncoder, Math.max(3, images.size() / SESSION_BATCH / 2));
      if (!pipelineOnly) {
        System.err.printf("image model alone, batch %d: %.2f images/s%n", SESSION_BATCH, session);
      }
      double imagesPerS = pipelineRate(pipeline, imageEncoder, images);
      System.err.printf("image pipeline, JPEG files to vectors: %.2f images/s (%.0f%% of the model alone)%n",
          imagesPerS, 100 * imagesPerS / session);
      double textsPerS = pipelineRate(textPipeline, textEncoder, texts);
      System.err.printf("text pipeline: %.2f texts/s%n", textsPerS);
      if (!pipelineOnly) {
        paddedTextRate(textEncoder, texts, textsPerS);
      }

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("images_per_s", round(imagesPerS));
      result.put("texts_per_s", round(textsPerS));
      if (!pipelineOnly) {
        result.put("session_images_per_s", round(session));
      }
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(result));
      } else {
        System.out.println(result);
      }
    }
    return 0;
  }

  private static double pipelineRate(EncodingPipeline pipeline, Encoder encoder, List<Document> docs) {
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    pipeline.run(encoder, docs.iterator(), (batch, vectors, skipped) -> {
      done.addAndGet(vectors.length);
      skipped.forEach(s -> System.err.println("skipped " + s));
    });
    return done.get() / seconds(start);
  }

  /** The image model on random input, batch 32: no decoding, no resizing, nothing to wait for. */
  @SuppressWarnings("unchecked")
  private static double sessionImagesPerSecond(Encoder encoder, int batches) {
    if (!(encoder instanceof StagedEncoder<?> staged)) {
      return Double.NaN;
    }
    StagedEncoder<PixelTensor> images = (StagedEncoder<PixelTensor>) staged;
    Random random = new Random(42);
    // The model's own input size (SigLIP and Chinese-CLIP variants are not all 224 pixels).
    int height = encoder instanceof ImageTensorEncoder t ? t.transform().outputHeight() : 224;
    int width = encoder instanceof ImageTensorEncoder t ? t.transform().outputWidth() : 224;
    List<PixelTensor> batch = new ArrayList<>(SESSION_BATCH);
    for (int i = 0; i < SESSION_BATCH; i++) {
      float[] data = new float[3 * height * width];
      for (int j = 0; j < data.length; j++) {
        data[j] = (float) random.nextGaussian();
      }
      batch.add(new PixelTensor(data, 3, height, width));
    }
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      images.encodePrepared(batch);
    }
    return batches * SESSION_BATCH / seconds(start);
  }

  /**
   * For comparison, on stderr: the same captions run padded to 77 tokens, as a port without length
   * grouping would. Claiming length 77 makes the encoder keep every padding column.
   */
  @SuppressWarnings("unchecked")
  private static void paddedTextRate(Encoder encoder, List<Document> texts, double trimmedRate) {
    if (!(encoder instanceof StagedEncoder<?> staged) || texts.isEmpty()) {
      return;
    }
    StagedEncoder<Object> stagedText = (StagedEncoder<Object>) staged;
    List<Object> padded = new ArrayList<>();
    long tokens = 0;
    for (Document d : texts.subList(0, Math.min(texts.size(), 512))) {
      Object prepared = stagedText.prepare(d);
      if (!(prepared instanceof TokenIds ids)) {
        return;
      }
      tokens += ids.length();
      padded.add(new TokenIds(ids.ids(), ids.ids().length));
    }
    long start = System.nanoTime();
    stagedText.encodePrepared(padded);
    double rate = padded.size() / seconds(start);
    System.err.printf("text padded to 77 (no length grouping): %.2f texts/s; mean caption %.1f tokens;"
        + " grouping gains %.1fx%n", rate, (double) tokens / padded.size(), trimmedRate / rate);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
