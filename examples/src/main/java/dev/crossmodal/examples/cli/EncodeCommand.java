package dev.crossmodal.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossmodal.core.InvalidInputException;
import dev.crossmodal.core.dataset.Dataset;
import dev.crossmodal.core.dataset.DatasetFormats;
import dev.crossmodal.core.dataset.SkippedItem;
import dev.crossmodal.spark.EncodeReport;
import dev.crossmodal.spark.SparkEncodeJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crossmodal encode --engine spark}: encodes a dataset on Spark into Parquet, for {@code
 * import} into a workspace. Runs in this JVM with {@code --master local[N]}, or against a cluster
 * (also under {@code spark-submit}, see docs/scale-out.md).
 */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Encode the images and captions of a dataset on Spark and write (id, modality, uri|text, tags, vector) Parquet.",
      "Load the output into a workspace with 'crossmodal import'."
    })
public final class EncodeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--engine", defaultValue = "spark", description = "Batch engine: spark (default).")
  String engine;

  @Option(names = "--master", description = "Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR", description = "Dataset folder.")
  Path data;

  @Option(names = {"-f", "--format"}, required = true, description = "Dataset layout, as for index.")
  String format;

  @Option(names = "--split", description = "Karpathy split (default: all).")
  String split;

  @Option(names = {"-n", "--limit"}, defaultValue = "-1", description = "Encode only the first N images and their captions.")
  long limit;

  @Option(names = {"-s", "--batch-size"}, defaultValue = "32", description = "Images per model call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--partitions", description = "Spark partitions (default: Spark's default parallelism).")
  Integer partitions;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (replaced if it exists).")
  Path out;

  @Option(names = "--json", description = "Print a JSON summary as the last line of stdout.")
  boolean json;

  @Mixin ModelOptions modelOptions;

  @Override
  public Integer call() {
    if (!engine.equals("spark")) {
      throw new InvalidInputException("--engine must be spark, not '" + engine + "'");
    }
    if (batchSize < 1 || limit < -1) {
      throw new InvalidInputException("--batch-size must be at least 1 and --limit at least 0");
    }
    Dataset dataset = DatasetFormats.open(format, data, split);
    SparkEncodeJob.Builder job =
        SparkEncodeJob.builder(dataset, modelOptions.spec(), out).limit(limit).batchSize(batchSize);
    if (partitions != null) {
      job.partitions(partitions);
    }
    EncodeReport report;
    SparkSession spark = SparkSessions.start("crossmodal encode", master);
    try {
      report = job.build().run(spark);
    } finally {
      spark.stop();
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        "Encoded %d images and %d texts into %s in %.1f s (%d skipped)%n",
        report.images(), report.texts(), out, report.elapsed().toMillis() / 1000.0, report.skipped().size());
    for (SkippedItem item : report.skipped()) {
      err.printf("  skipped %s: %s%n", item.item(), item.reason());
    }
    err.flush();
    if (json) {
      ObjectNode summary = Json.object();
      summary.put("images_encoded", report.images());
      summary.put("texts_encoded", report.texts());
      ArrayNode skipped = summary.putArray("skipped");
      report.skipped().forEach(s -> skipped.addObject().put("item", s.item()).put("reason", s.reason()));
      summary.put("seconds", Math.round(report.elapsed().toMillis() / 10.0) / 100.0);
      summary.put("dimension", report.dimension());
      summary.put("out", out.toAbsolutePath().normalize().toString());
      Json.println(spec.commandLine().getOut(), summary);
    }
    return 0;
  }
}
